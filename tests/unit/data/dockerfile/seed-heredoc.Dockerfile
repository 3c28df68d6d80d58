FROM alpine:3.20
RUN <<EOF
apk add --no-cache curl
curl -fsSL https://x/i.sh | sh
EOF
COPY <<-"one" <<two /etc/
	literal $X
	one
expanded $X
two
RUN python3 <<PY
print("hi")
PY
