"""Security events. Append-only: events are created, never edited."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", "Connexion"
        LOGIN_FAILED = "login_failed", "Échec de connexion"
        LOGOUT = "logout", "Déconnexion"
        MFA_ENABLED = "mfa_enabled", "Double authentification activée"
        MFA_DISABLED = "mfa_disabled", "Double authentification désactivée"
        RECOVERY_CODES = "recovery_codes", "Codes de secours régénérés"
        PASSWORD_CHANGED = "password_changed", "Mot de passe changé"
        PASSWORD_RESET = "password_reset", "Mot de passe réinitialisé"
        EMAIL_CHANGED = "email_changed", "Adresse e-mail changée"
        MEMBER_INVITED = "member_invited", "Membre invité"
        MEMBER_ADDED = "member_added", "Membre ajouté"
        MEMBER_REMOVED = "member_removed", "Membre retiré"
        MEMBER_LEFT = "member_left", "Membre parti"
        ROLE_CHANGED = "role_changed", "Rôle modifié"
        MFA_REQUIRED_CHANGED = "mfa_required_changed", "Exigence de double authentification"
        EXPORT = "export", "Export des données"
        PRACTICE_DELETED = "practice_deleted", "Cabinet supprimé"
        ACCOUNT_DELETED = "account_deleted", "Compte supprimé"
        CALENDAR_TOKEN = "calendar_token", "Lien de calendrier renouvelé ou révoqué"

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    # Null for events about a person rather than one practice (login, 2FA changes).
    practice = models.ForeignKey(
        "practices.Practice", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text so the log still says who it was after an account is deleted.
    actor_email = models.CharField(max_length=254, blank=True)
    detail = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind} {self.actor_email}"
