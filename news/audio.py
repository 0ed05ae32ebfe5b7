"""Audio uploads are checked by their content, not their name: format, duration, sane parameters.

Only the container headers are parsed (no decoding), so this stays fast and needs no codec library.
Supported: MP3, M4A (AAC in MP4), OGG (Vorbis, Opus), WAV, FLAC.
"""

import struct
from dataclasses import dataclass

MAX_DURATION_SECONDS = 4 * 3600
MIN_DURATION_SECONDS = 0.5

FORMATS = {
    # format: (MIME type, accepted file extensions, label)
    "mp3": ("audio/mpeg", {"mp3"}, "MP3"),
    "m4a": ("audio/mp4", {"m4a", "mp4", "aac"}, "M4A"),
    "ogg": ("audio/ogg", {"ogg", "oga", "opus"}, "OGG"),
    "wav": ("audio/wav", {"wav"}, "WAV"),
    "flac": ("audio/flac", {"flac"}, "FLAC"),
}
ALLOWED_EXTENSIONS = sorted(set().union(*(exts for _m, exts, _l in FORMATS.values())))


class AudioError(ValueError):
    """The bytes are not a usable audio file; the message is shown to the editor."""


@dataclass(frozen=True)
class AudioInfo:
    format: str
    duration: float

    @property
    def mime_type(self):
        return FORMATS[self.format][0]

    @property
    def label(self):
        return FORMATS[self.format][2]


def inspect_audio(data, filename=""):
    """Return AudioInfo for `data` (bytes), or raise AudioError with a Vietnamese message."""
    if len(data) < 12:
        raise AudioError("Tệp quá nhỏ, không phải tệp âm thanh.")
    fmt, duration = _detect(data)
    if fmt is None:
        raise AudioError(
            "Tệp không phải là âm thanh hợp lệ. Chỉ nhận tệp MP3, M4A, OGG, WAV hoặc FLAC "
            "(kiểm tra theo nội dung tệp, không theo tên)."
        )
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension and extension not in FORMATS[fmt][1]:
        raise AudioError(
            f"Đuôi tệp “.{extension}” không khớp với nội dung tệp ({FORMATS[fmt][2]}). "
            "Hãy đổi tên tệp cho đúng định dạng."
        )
    if duration is None or duration < MIN_DURATION_SECONDS:
        raise AudioError(
            f"Tệp {FORMATS[fmt][2]} bị hỏng hoặc không có nội dung âm thanh (không đo được thời lượng)."
        )
    if duration > MAX_DURATION_SECONDS:
        raise AudioError("Tệp âm thanh dài quá 4 giờ; hãy chia thành nhiều số phát thanh.")
    return AudioInfo(fmt, duration)


def _detect(data):
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "wav", _wav_duration(data)
    if data[:4] == b"fLaC":
        return "flac", _flac_duration(data)
    if data[:4] == b"OggS":
        return "ogg", _ogg_duration(data)
    if data[4:8] == b"ftyp":
        duration = _mp4_audio_duration(data)
        return ("m4a", duration) if duration is not False else (None, None)
    duration = _mp3_duration(data)
    if duration is not None:
        return "mp3", duration
    return None, None


# WAV ------------------------------------------------------------------------------------------


def _wav_duration(data):
    pos, byte_rate, data_size = 12, None, None
    while pos + 8 <= len(data):
        chunk_id, size = data[pos : pos + 4], struct.unpack_from("<I", data, pos + 4)[0]
        body = pos + 8
        if chunk_id == b"fmt " and size >= 16:
            _fmt, channels, rate, byte_rate = struct.unpack_from("<HHII", data, body)
            if not (1 <= channels <= 8 and 4000 <= rate <= 384000):
                return None
        elif chunk_id == b"data":
            # Streams written before their length was known carry 0 or 0xFFFFFFFF here.
            data_size = min(size, len(data) - body) if size not in (0, 0xFFFFFFFF) else len(data) - body
            break
        pos = body + size + (size & 1)
    if not byte_rate or data_size is None:
        return None
    return data_size / byte_rate


# FLAC -----------------------------------------------------------------------------------------


def _flac_duration(data):
    # First metadata block must be STREAMINFO (type 0, 34 bytes).
    if len(data) < 42 or data[4] & 0x7F != 0:
        return None
    info = int.from_bytes(data[18:26], "big")
    sample_rate = info >> 44
    total_samples = info & ((1 << 36) - 1)
    if not sample_rate or not total_samples:
        return None
    return total_samples / sample_rate


# OGG ------------------------------------------------------------------------------------------


def _ogg_duration(data):
    segments = data[26]
    packet = data[27 + segments : 27 + segments + 64]
    if packet[:7] == b"\x01vorbis":
        rate, pre_skip = struct.unpack_from("<I", packet, 12)[0], 0
    elif packet[:8] == b"OpusHead":
        rate, pre_skip = 48000, struct.unpack_from("<H", packet, 10)[0]
    else:
        return None
    last = data.rfind(b"OggS", max(0, len(data) - 65536))
    if last < 0 or last + 14 > len(data) or not rate:
        return None
    granule = struct.unpack_from("<q", data, last + 6)[0]
    if granule <= 0:
        return None
    return (granule - pre_skip) / rate


# MP4 / M4A ------------------------------------------------------------------------------------


def _atoms(data, start, end):
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, pos)
        header = 8
        if size == 1 and pos + 16 <= end:
            size, header = struct.unpack_from(">Q", data, pos + 8)[0], 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            return
        yield kind, pos + header, pos + size
        pos += size


def _mp4_audio_duration(data):
    """Duration in seconds if the MP4 holds a sound track; False if it is not audio at all."""
    moov = next(((s, e) for kind, s, e in _atoms(data, 0, len(data)) if kind == b"moov"), None)
    if moov is None:
        return None  # an MP4 without its index cannot be played
    duration, has_sound, has_video = None, False, False
    for kind, start, end in _atoms(data, *moov):
        if kind == b"mvhd" and end - start >= 20:
            version = data[start]
            if version == 1 and end - start >= 32:
                timescale, length = struct.unpack_from(">IQ", data, start + 20)
            else:
                timescale, length = struct.unpack_from(">II", data, start + 12)
            duration = length / timescale if timescale else None
        elif kind == b"trak":
            for handler in _handlers(data, start, end):
                has_sound |= handler == b"soun"
                has_video |= handler == b"vide"
    if has_video or not has_sound:
        return False
    return duration


def _handlers(data, start, end):
    for kind, s, e in _atoms(data, start, end):
        if kind == b"mdia":
            for sub, hs, he in _atoms(data, s, e):
                if sub == b"hdlr" and he - hs >= 12:
                    yield data[hs + 8 : hs + 12]


# MP3 ------------------------------------------------------------------------------------------

_MP3_BITRATES = {
    # (MPEG version 1?, layer) -> kbps by index
    (True, 3): [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
    (True, 2): [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    (True, 1): [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    (False, 3): [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    (False, 2): [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    (False, 1): [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
}
_MP3_RATES = {3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000]}


def _mp3_frame(data, pos):
    """(frame length, samples, sample rate) of a valid MPEG audio frame header at pos, else None."""
    if pos + 4 > len(data) or data[pos] != 0xFF or data[pos + 1] & 0xE0 != 0xE0:
        return None
    b1, b2 = data[pos + 1], data[pos + 2]
    version, layer_bits = (b1 >> 3) & 3, (b1 >> 1) & 3
    bitrate_index, rate_index, padding = b2 >> 4, (b2 >> 2) & 3, (b2 >> 1) & 1
    if version == 1 or layer_bits == 0 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    layer = 4 - layer_bits
    mpeg1 = version == 3
    bitrate = _MP3_BITRATES[(mpeg1, layer)][bitrate_index] * 1000
    rate = _MP3_RATES[version][rate_index]
    if layer == 1:
        return (12 * bitrate // rate + padding) * 4, 384, rate
    samples = 1152 if (layer == 2 or mpeg1) else 576
    return samples // 8 * bitrate // rate + padding, samples, rate


def _mp3_duration(data):
    pos = 0
    if data[:3] == b"ID3" and len(data) >= 10:
        size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9]
        pos = 10 + size + (10 if data[5] & 0x10 else 0)
    # Some encoders pad before the first frame; look a little way for it.
    limit = min(len(data), pos + 4096)
    while pos < limit and _mp3_frame(data, pos) is None:
        pos += 1
    frames, seconds = 0, 0.0
    while True:
        frame = _mp3_frame(data, pos)
        if frame is None:
            break
        length, samples, rate = frame
        if length <= 4:
            return None
        frames += 1
        seconds += samples / rate
        pos += length
    tail = data[pos:]
    # A valid stream ends at the end of the file, at an ID3v1 tag, or (cut short) mid-frame.
    trailing_ok = len(tail) == 0 or tail[:3] == b"TAG" or (frames >= 2 and len(tail) < 4096)
    if frames >= 2 and trailing_ok:
        return seconds
    return None
