"""Hostile inputs for the secret scanner, written a block at a time so
that a gigabyte never sits in memory. Used by test_secrets_hostile.py and
bench/secret-hostile.sh:

    python3 tests/integration/hostile.py SHAPE BYTES OUT

SHAPE is one of SHAPES. Every shape ends with TAIL, one line holding
SECRET, so a test knows where the one finding must be: after the body's
newlines (lines_of) on the last line.
"""
import random
import sys

SECRET = "ghp_Ab3dEf5hIj7lMn9pQr1tUv3xYz5bCd7fGh9j"
TAIL = f" token = {SECRET}\n"
BLOCK = 1 << 20


def _random_text(rng, n, alphabet):
    return "".join(rng.choice(alphabet) for _ in range(n))


def _block(shape, rng):
    """One block of the body, without newlines unless the shape has them."""
    if shape == "oneline":
        # A hex blob with, every 4 KiB, a run of base64-like noise in
        # which keywords such as "sk" or "key" turn up by chance, each a
        # prefilter hit with nothing to find.
        hexd = "0123456789abcdef"
        b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        return "".join(_random_text(rng, 3072, hexd) +
                       _random_text(rng, 1024, b64)
                       for _ in range(16)) * 16
    if shape == "lines":
        # Ten bytes a line: 10 million lines in 100 MB.
        return "".join(f"v{i % 100000:05d}=1;\n" for i in range(BLOCK // 10))
    if shape == "minjs":
        code = ("var key=a.token||b.secret,password=c.apiKey;"
                "function getToken(e){return e.secret_key||e.auth_token}"
                "if(t.password){s.key=t.token;}x={key:1,token:'',secret:0};")
        return code * (BLOCK // len(code))
    if shape == "backtrack":
        # Runs that rules' character classes accept, with a keyword every
        # few bytes: a key armour that never ends, a JWT-like run, a
        # password that never stops, URLs without an '@'.
        parts = ["-----BEGIN RSA PRIVATE KEY-----\n" +
                 ("QUJD" * 16 + "\n") * 64,
                 "eyJ" + "a" * 3000 + ".eyJ" + "b" * 3000 + ".",
                 "password=" + "x" * 2000,
                 ("token=" + "A" * 5) * 200,
                 "https://user:" + "p" * 1000 + "/",
                 ("key" * 100)]
        body = "".join(parts)
        return (body * (BLOCK // len(body) + 1))[:BLOCK]
    raise ValueError(f"unknown shape {shape}")


SHAPES = ["oneline", "lines", "minjs", "backtrack"]


def write(shape, size, path):
    """Write about 'size' bytes of 'shape' to 'path', then TAIL. Returns
    the number of newlines before TAIL (its line is that plus one) and the
    number of bytes before TAIL on its line."""
    rng = random.Random(6)
    block = _block(shape, rng).encode()
    newlines = block.count(b"\n")
    last_nl = block.rfind(b"\n")
    n = max(1, size // len(block))
    with open(path, "wb") as f:
        for _ in range(n):
            f.write(block)
        f.write(TAIL.encode())
    col = len(block) * n if last_nl < 0 else len(block) - last_nl - 1
    return newlines * n, col


if __name__ == "__main__":
    lines, _ = write(sys.argv[1], int(float(sys.argv[2])), sys.argv[3])
    print(lines)
