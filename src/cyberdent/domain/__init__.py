"""Pure domain of CyberDent: référentiel, scoring, action plan. No Django import here."""
