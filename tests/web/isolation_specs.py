"""Public pages: open to everyone, holding no practice's data."""

from tests.isolation import PublicUrl

PUBLIC = [
    PublicUrl("web:home"),
    PublicUrl("web:why_protect"),
    PublicUrl("web:measures"),
    PublicUrl("web:incident"),
    PublicUrl("web:poster"),
    PublicUrl("web:about"),
    PublicUrl("web:favicon"),
    PublicUrl("web:health"),
    PublicUrl("diagnostic:form"),
    PublicUrl("diagnostic:result"),
    PublicUrl("diagnostic:report"),
    PublicUrl("diagnostic:contribute"),
    PublicUrl("diagnostic:withdraw"),
]
