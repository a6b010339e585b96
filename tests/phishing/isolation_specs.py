"""The hameçonnage pages: without an account (nothing of a practice on them), and in the
practice space (every member trains; the register is the owner's)."""

from cyberdent.domain.roles import Permission as P
from tests.isolation import PracticeUrl, PublicUrl

PUBLIC = [
    PublicUrl("phishing:checker"),
    PublicUrl("phishing:training"),
    PublicUrl("phishing:training_step", kwargs={"number": 1}),
    PublicUrl("phishing:training_result"),
]

SPECS = [
    PracticeUrl("phishing:practice_training", P.VIEW),
    PracticeUrl("phishing:practice_training_step", P.VIEW, ("GET", "POST")),
    PracticeUrl("phishing:practice_training_result", P.VIEW),
    PracticeUrl("phishing:practice_training_register", P.MANAGE_TEAM),
]
