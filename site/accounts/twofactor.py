"""The second factor: an authenticator app (TOTP), and single-use backup codes for a lost phone."""

import re

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
BACKUP_DEVICE_NAME = "Mã dự phòng"
_BACKUP_CODE = re.compile(r"[a-z2-7]{8}")


def authenticator(user):
    """The user's confirmed authenticator, or None before set-up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def backup_device(user):
    device = StaticDevice.objects.filter(user=user, name=BACKUP_DEVICE_NAME).first()
    return device or StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)


def new_backup_codes(user):
    """A fresh set of backup codes (the old ones stop working); shown once, to the user only."""
    device = backup_device(user)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__name=BACKUP_DEVICE_NAME).count()


def normalize_backup_code(text):
    """"ABCD-EFGH", "abcd efgh" → "abcdefgh", or "" when it cannot be a backup code."""
    code = re.sub(r"[\s-]", "", text or "").lower()
    return code if _BACKUP_CODE.fullmatch(code) else ""


def verify_backup_code(user, text):
    """The backup device when `text` is one of the user's unused codes (it is then used up), else None;
    django-otp slows down repeated wrong guesses."""
    code = normalize_backup_code(text)
    device = StaticDevice.objects.filter(user=user, name=BACKUP_DEVICE_NAME).first()
    if not code or device is None:
        return None
    return device if device.verify_token(code) else None


def demo_backup_codes(user, minimum=3):
    """The demo administrator's unused codes, renewed when few are left (load_demo prints them)."""
    device = backup_device(user)
    codes = list(device.token_set.values_list("token", flat=True))
    return codes if len(codes) >= minimum else new_backup_codes(user)
