"""`hearth api_token USERNAME NAME` issues a token and prints its key, once;
`hearth api_token --revoke PREFIX` revokes one; `hearth api_token USERNAME --list` lists them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.accounts.models import ApiToken, User
from hearth.api import services


class Command(BaseCommand):
    help = "Issue, list or revoke a user's API tokens. A new key is printed once only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", help="Whose token it is.")
        parser.add_argument("name", nargs="?", help="What it is for, e.g. 'Repairs contractor'.")
        parser.add_argument(
            "--revoke",
            metavar="PREFIX",
            help="Revoke the active token whose key starts with PREFIX (as listed).",
        )
        parser.add_argument("--list", action="store_true", help="List USERNAME's tokens.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["revoke"]:
            self._revoke(options["revoke"], options["username"])
        elif options["list"]:
            self._list(self._user(options["username"]))
        else:
            if not options["name"]:
                raise CommandError("Give a USERNAME and a NAME for the token, e.g. 'Repairs app'.")
            self._issue(self._user(options["username"]), options["name"])

    def _user(self, username: str | None) -> User:
        if not username:
            raise CommandError("Give the USERNAME of the person the token belongs to.")
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"There is no user called {username!r}.") from None

    def _issue(self, user: User, name: str) -> None:
        if not user.is_active:
            raise CommandError(f"{user.username} is not active; their tokens would not work.")
        try:
            token, raw = services.issue_token(user=user, name=name, actor=None)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stderr.write(
            f"Issued token “{token.name}” for {user.username} (prefix {token.prefix}). "
            "This is the only time the key is shown: store it safely."
        )
        self.stdout.write(raw)

    def _list(self, user: User) -> None:
        tokens = ApiToken.objects.filter(user=user).order_by("-created_at")
        if not tokens:
            self.stdout.write(f"{user.username} has no API tokens.")
        for token in tokens:
            state = f"revoked {token.revoked_at:%Y-%m-%d %H:%M}" if token.revoked_at else "active"
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
            self.stdout.write(f"{token.prefix}  {token.name}  ({state}; last used {used})")

    def _revoke(self, prefix: str, username: str | None) -> None:
        prefix = prefix.strip()
        if len(prefix) < 6:
            raise CommandError("Give at least the first 6 characters of the token, as listed.")
        # A prefix as listed is the key's first 12 characters; a longer one may be the whole key.
        candidates = ApiToken.objects.select_related("user").filter(
            prefix__startswith=prefix[:12], revoked_at__isnull=True
        )
        if username:
            candidates = candidates.filter(user__username=username)
        matches = [
            t for t in candidates if prefix.startswith(t.prefix) or t.prefix.startswith(prefix)
        ]
        if not matches:
            raise CommandError(f"No active token starts with {prefix!r}.")
        if len(matches) > 1:
            listed = ", ".join(f"{t.prefix} ({t.user.username}: {t.name})" for t in matches)
            raise CommandError(f"{prefix!r} matches more than one token: {listed}. Add USERNAME.")
        token = services.revoke_token(token=matches[0], actor=None)
        self.stdout.write(
            f"Revoked token “{token.name}” ({token.prefix}) of {token.user.username}."
        )
