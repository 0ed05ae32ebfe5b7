"""Who needs a second factor: every account that can reach an admin (no model of its own)."""


def requires_two_factor(user):
    """Superusers, staff (Django admin) and every holder of Wagtail's admin access: whoever can read
    citizens' personal data or change what the site publishes signs in with two factors."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")
