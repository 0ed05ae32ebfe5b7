"""Signing in for tests of admin pages: password and second factor, as every admin account must."""


def login_with_second_factor(client, user):
    """Sign `user` in as their browser would be after the password and the second factor (every
    account that reaches the admin needs both); returns the client."""
    from accounts.twofactor import backup_device
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = backup_device(user).persistent_id
    session.save()
    return client
