"""Media the demo generates instead of shipping files: illustrations, a one-page PDF and an audio jingle."""

import io
import math
import wave

IMAGE_SIZE = (1200, 675)


def illustration(motif):
    from PIL import Image, ImageDraw

    width, height = IMAGE_SIZE
    backgrounds = {"desk": "#dbe7f3", "phone": "#e3efe6", "chart": "#eef1f5", "meeting": "#f4ede2"}
    img = Image.new("RGB", IMAGE_SIZE, backgrounds[motif])
    draw = ImageDraw.Draw(img)

    def person(x, y, scale, colour):
        draw.ellipse([x - 28 * scale, y - 120 * scale, x + 28 * scale, y - 64 * scale], fill="#f1c9a5")
        draw.rounded_rectangle([x - 45 * scale, y - 60 * scale, x + 45 * scale, y + 80 * scale], 30, fill=colour)

    if motif == "desk":
        draw.rectangle([0, 520, width, height], fill="#c3d3e4")
        draw.rectangle([380, 110, 820, 200], fill="#0b4f8a")
        for i in range(3):
            draw.rectangle([420, 130 + i * 22, 780 - i * 90, 142 + i * 22], fill="#ffffff")
        person(600, 380, 1.1, "#1e6b35")
        draw.rectangle([300, 400, 900, 560], fill="#0b4f8a")
        draw.rectangle([300, 400, 900, 420], fill="#083a66")
        person(220, 560, 1.3, "#a4161a")
        person(1000, 560, 1.3, "#7a4b00")
        draw.rectangle([520, 360, 680, 400], fill="#ffffff")
    elif motif == "phone":
        draw.rounded_rectangle([450, 60, 750, 620], 40, fill="#1b1b1b")
        draw.rectangle([475, 110, 725, 560], fill="#ffffff")
        for i in range(6):
            draw.rectangle([500, 140 + i * 45, 700 - (i % 3) * 40, 160 + i * 45], fill="#c9d1dc")
        draw.ellipse([540, 420, 660, 540], fill="#1e6b35")
        draw.line([(570, 480), (595, 505), (635, 455)], fill="#ffffff", width=14)
        draw.rectangle([120, 200, 380, 460], fill="#0b4f8a")
        draw.rectangle([820, 240, 1080, 420], fill="#a4161a")
    elif motif == "chart":
        draw.line([(150, 580), (1080, 580)], fill="#1b1b1b", width=6)
        draw.line([(150, 580), (150, 90)], fill="#1b1b1b", width=6)
        for i, h in enumerate([180, 240, 300, 360, 430]):
            x = 220 + i * 170
            draw.rectangle([x, 580 - h, x + 110, 577], fill="#0b4f8a")
        draw.line([(275, 360), (445, 310), (615, 250), (785, 190), (955, 120)], fill="#1e6b35", width=10)
    else:  # meeting
        draw.rectangle([120, 70, 1080, 170], fill="#a4161a")
        for i in range(2):
            draw.rectangle([260, 95 + i * 38, 940 - i * 140, 112 + i * 38], fill="#ffd54a")
        for i in range(5):
            person(260 + i * 170, 420, 0.9, ["#0b4f8a", "#1e6b35", "#083a66", "#7a4b00", "#0b4f8a"][i])
        draw.rectangle([150, 430, 1050, 560], fill="#7a4b00")
        draw.rectangle([150, 430, 1050, 450], fill="#5b3800")
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=78, optimize=True)
    return buffer.getvalue()


def pdf(lines):
    """A minimal valid one-page PDF (ASCII text: the standard fonts carry no Vietnamese glyphs)."""
    text = "BT /F1 13 Tf 60 780 Td 18 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '" for line in lines
    ) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def jingle(notes, rate=8000):
    """A short chime (mono 8-bit WAV, a few KB): the demo has no recorded speech."""
    frames = bytearray()
    for note in notes + [notes[-1] * 2]:
        length = int(rate * 0.45)
        for i in range(length):
            envelope = min(1.0, i / 200) * (1 - i / length) ** 2
            sample = math.sin(2 * math.pi * note * i / rate) * envelope * 0.6
            frames.append(int(128 + 127 * sample))
    frames.extend(b"\x80" * int(rate * 0.3))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    return buffer.getvalue()
