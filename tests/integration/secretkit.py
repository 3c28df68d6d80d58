"""A dozen planted credentials, one of each kind containers typically
leak, written into a directory tree. Used by the integration tests (every
report format must show them redacted, never in full) and by
bench/secret-peers.sh (the same tree for ward, Trivy and secretlint).

Each value is made up here: random-looking strings of the shape each
credential kind has (AWS's AKIA prefix and 40-character secret, GitHub's
ghp_ + 36, Slack's xoxb-digits-digits-rest, Stripe's sk_live_, a JWT of
three base64url parts, PEM and OpenSSH armour around base64 bodies).
None of them is a working credential.

    python3 secretkit.py DIR    plants the files under DIR and prints
                                one "kind<TAB>path<TAB>secret" per line
"""
import base64
import json
import pathlib
import random
import sys


def _b64_lines(seed, nbytes, width=64):
    rnd = random.Random(seed)
    body = base64.b64encode(bytes(rnd.randrange(256) for _ in range(nbytes)))
    s = body.decode()
    return [s[i:i + width] for i in range(0, len(s), width)]


def _b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


AWS_ID = "AKIAZ2V5QX7MPLN4RTWB"
AWS_SECRET = "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"
GITHUB_PAT = "ghp_Ab3dEf5hIj7lMn9pQr1tUv3xYz5bCd7fGh9j"
SLACK_TOKEN = "xoxb-2648193057-5920384716-Zq4mN8vR2tK6wB1xC9sD3fG7"
STRIPE_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dcRb8Kx2"
NPMRC_TOKEN = "9f3c2a7e-5b1d-4e8f-a6c0-d2b7e1f4c9a3"
DOCKER_USERPASS = "deploy:Wm7Qz2Lx9Rv4Tn8K"
DOCKER_AUTH = base64.b64encode(DOCKER_USERPASS.encode()).decode()
URL_PASSWORD = "Vq7Lm2Rx9Tz4Kp8W"
GENERIC_PASSWORD = "Hn4Xq8Zt2Lw6Pv1R"
JWT = ".".join([
    _b64url(b'{"alg":"HS256","typ":"JWT"}'),
    _b64url(b'{"sub":"4711","name":"ward planted","iat":1716239022}'),
    _b64url(bytes(random.Random(7).randrange(256) for _ in range(32)))])
RSA_LINES = _b64_lines(1, 1190)
SSH_LINES = _b64_lines(2, 300, width=70)
GCP_LINES = _b64_lines(3, 1210)

RSA_KEY = ("-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(RSA_LINES) +
           "\n-----END RSA PRIVATE KEY-----\n")
SSH_KEY = ("-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(SSH_LINES) +
           "\n-----END OPENSSH PRIVATE KEY-----\n")
GCP_PEM = ("-----BEGIN PRIVATE KEY-----\n" + "\n".join(GCP_LINES) +
           "\n-----END PRIVATE KEY-----\n")

# kind, path, file content, the strings that must never be printed, the
# string whose SHA-256 is the finding's fingerprint (None where the rules
# decide which part of a multi-line body is hashed).
PLANTED = [
    ("aws-access-key-id", "root/.aws/credentials",
     f"[default]\naws_access_key_id = {AWS_ID}\n"
     f"aws_secret_access_key = {AWS_SECRET}\n", [AWS_ID], AWS_ID),
    ("aws-secret-access-key", "root/.aws/credentials", None,
     [AWS_SECRET], AWS_SECRET),
    ("github-pat", "srv/app/ci.yml",
     f"jobs:\n  build:\n    env:\n      GH_TOKEN: {GITHUB_PAT}\n",
     [GITHUB_PAT], GITHUB_PAT),
    ("slack-token", "srv/app/slack.env", f"SLACK_BOT={SLACK_TOKEN}\n",
     [SLACK_TOKEN], SLACK_TOKEN),
    ("rsa-private-key", "etc/ssl/private/server.key", RSA_KEY,
     RSA_LINES[1:-1], None),
    ("openssh-private-key", "home/app/.ssh/id_ed25519", SSH_KEY,
     SSH_LINES[1:-1], None),
    ("stripe-key", "srv/billing/settings.py",
     f'import os\n\nSTRIPE_API = "{STRIPE_KEY}"\n', [STRIPE_KEY],
     STRIPE_KEY),
    ("jwt", "srv/app/session.txt", f"Authorization: Bearer {JWT}\n",
     [JWT], JWT),
    ("npmrc-token", "home/app/.npmrc",
     f"registry=https://registry.npmjs.org/\n"
     f"//registry.npmjs.org/:_authToken={NPMRC_TOKEN}\n", [NPMRC_TOKEN],
     NPMRC_TOKEN),
    ("docker-config-auth", "root/.docker/config.json",
     json.dumps({"auths": {"registry.corp.internal": {
         "auth": DOCKER_AUTH}}}, indent=2) + "\n",
     [DOCKER_AUTH, DOCKER_USERPASS], DOCKER_AUTH),
    ("gcp-service-account-key", "srv/gcp/service-account.json",
     json.dumps({"type": "service_account", "project_id": "ward-bench",
                 "private_key_id": "5f1b0c4e9d2a7b3c8e6f1a0d4b9c2e7f3a5d8c1b",
                 "private_key": GCP_PEM,
                 "client_email": "ci@ward-bench.iam.gserviceaccount.com",
                 "client_id": "104729380156243987615",
                 "token_uri": "https://oauth2.googleapis.com/token"},
                indent=2) + "\n",
     GCP_LINES[1:-1], None),
    ("url-password", "srv/app/db.conf",
     f"DATABASE_URL=postgres://appuser:{URL_PASSWORD}@db.corp.internal"
     ":5432/app\n", [URL_PASSWORD], URL_PASSWORD),
    ("generic-password", "srv/app/app.ini",
     f"[database]\nhost = db.corp.internal\n"
     f"db_password = {GENERIC_PASSWORD}\n", [GENERIC_PASSWORD],
     GENERIC_PASSWORD),
]


def plant(root):
    """Write the planted files under 'root'; returns PLANTED."""
    root = pathlib.Path(root)
    for _, path, content, _, _ in PLANTED:
        if content is None:
            continue
        p = root / path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(content)
    return PLANTED


def never_printed():
    """Every string no report may contain."""
    return [s for _, _, _, secrets, _ in PLANTED for s in secrets]


if __name__ == "__main__":
    for kind, path, _, secrets, _ in plant(sys.argv[1]):
        print(f"{kind}\t{path}\t{secrets[0]}")
