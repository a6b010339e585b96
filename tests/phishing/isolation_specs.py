"""The hameçonnage pages without an account: nothing of a practice on them."""

from tests.isolation import PublicUrl

PUBLIC = [
    PublicUrl("phishing:training"),
    PublicUrl("phishing:training_step", kwargs={"number": 1}),
    PublicUrl("phishing:training_result"),
]
