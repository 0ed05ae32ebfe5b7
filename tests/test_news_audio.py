"""Audio files are recognised by their content (MP3, M4A, OGG, WAV, FLAC) and measured; anything else is refused."""

import io
import random
import struct
import wave

import pytest

from news.audio import AudioError, inspect_audio


def wav_bytes(seconds=1.0, rate=8000):
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(b"\x80" * int(rate * seconds))
    return buffer.getvalue()


def mp3_bytes(frames=100, id3=True):
    # MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 417-byte frames of 1152 samples.
    frame = b"\xff\xfb\x90\x00" + b"\x00" * 413
    tag = b"ID3\x04\x00\x00\x00\x00\x00\x0a" + b"\x00" * 10 if id3 else b""
    return tag + frame * frames


def flac_bytes(seconds=2, rate=44100):
    info = (rate << 44) | (0 << 41) | (15 << 36) | (rate * seconds)
    streaminfo = struct.pack(">HH", 4096, 4096) + b"\x00" * 6 + info.to_bytes(8, "big") + b"\x00" * 16
    return b"fLaC" + bytes([0x80, 0, 0, 34]) + streaminfo + b"\x00" * 64


def ogg_page(granule, packet, header_type=0):
    return (
        b"OggS" + bytes([0, header_type]) + struct.pack("<qII", granule, 1, 0) + b"\x00\x00\x00\x00"
        + bytes([1, len(packet)]) + packet
    )


def ogg_vorbis_bytes(seconds=3, rate=44100):
    ident = b"\x01vorbis" + struct.pack("<IBI", 0, 1, rate) + b"\x00" * 13
    return ogg_page(0, ident, 2) + ogg_page(rate * seconds, b"\x00" * 20, 4)


def box(kind, body):
    return struct.pack(">I", len(body) + 8) + kind + body


def mp4_bytes(handler=b"soun", seconds=5, timescale=1000):
    mvhd = box(b"mvhd", b"\x00" * 12 + struct.pack(">II", timescale, seconds * timescale) + b"\x00" * 80)
    hdlr = box(b"hdlr", b"\x00" * 8 + handler + b"\x00" * 12)
    moov = box(b"moov", mvhd + box(b"trak", box(b"mdia", hdlr)))
    return box(b"ftyp", b"M4A \x00\x00\x00\x00M4A isom") + moov + box(b"mdat", b"\x00" * 32)


@pytest.mark.parametrize(
    "data, name, fmt, mime, seconds",
    [
        (wav_bytes(2.5), "ban-tin.wav", "wav", "audio/wav", 2.5),
        (mp3_bytes(100), "ban-tin.mp3", "mp3", "audio/mpeg", 100 * 1152 / 44100),
        (mp3_bytes(50, id3=False), "ban-tin.mp3", "mp3", "audio/mpeg", 50 * 1152 / 44100),
        (flac_bytes(2), "ban-tin.flac", "flac", "audio/flac", 2),
        (ogg_vorbis_bytes(3), "ban-tin.ogg", "ogg", "audio/ogg", 3),
        (mp4_bytes(seconds=5), "ban-tin.m4a", "m4a", "audio/mp4", 5),
    ],
)
def test_real_audio_is_recognised_and_measured(data, name, fmt, mime, seconds):
    info = inspect_audio(data, name)
    assert info.format == fmt
    assert info.mime_type == mime
    assert info.duration == pytest.approx(seconds, rel=0.01)


@pytest.mark.parametrize(
    "data, name",
    [
        (b"<html><body>Day khong phai am thanh</body></html>" * 20, "ban-tin.mp3"),
        (b"%PDF-1.4\n" + b"0" * 2000, "ban-tin.mp3"),
        (bytes(random.Random(5).randrange(256) for _ in range(20000)), "ban-tin.ogg"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 500, "ban-tin.wav"),
    ],
)
def test_other_content_is_refused_whatever_its_name(data, name):
    with pytest.raises(AudioError) as excinfo:
        inspect_audio(data, name)
    assert "không phải là âm thanh hợp lệ" in str(excinfo.value)


def test_extension_must_match_the_content():
    with pytest.raises(AudioError) as excinfo:
        inspect_audio(wav_bytes(), "ban-tin.mp3")
    assert "không khớp với nội dung tệp (WAV)" in str(excinfo.value)


@pytest.mark.parametrize(
    "data, name",
    [
        (wav_bytes()[:36], "hong.wav"),  # header cut before the data chunk
        (mp4_bytes()[:40], "hong.m4a"),  # no index (moov)
        (flac_bytes(0), "rong.flac"),  # no samples
    ],
)
def test_broken_audio_is_refused_as_broken(data, name):
    with pytest.raises(AudioError) as excinfo:
        inspect_audio(data, name)
    assert "bị hỏng" in str(excinfo.value) or "không phải là âm thanh" in str(excinfo.value)


def test_video_in_an_mp4_container_is_not_audio():
    with pytest.raises(AudioError):
        inspect_audio(mp4_bytes(handler=b"vide"), "phim.mp4")


def test_one_mp3_frame_header_followed_by_junk_is_refused():
    data = b"\xff\xfb\x90\x00" + bytes(random.Random(1).randrange(256) for _ in range(30000))
    with pytest.raises(AudioError):
        inspect_audio(data, "gia.mp3")
