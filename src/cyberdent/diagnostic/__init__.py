"""The anonymous diagnostic: the 11 questions, the result and the action plan."""
