# Shared by the benchmark scripts: this run's RS256 signing key (in $WORK, which the caller made) and
# tokens signed with it, as the issuer would. Sourced, not run.

# Makes $WORK/private.pem and $WORK/public.pem (the service verifies with the public one)
make_signing_key() {
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
    openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# An RS256 token signed with this run's key: token <subject> <group>
token() {
    local now header payload
    now=$(date +%s)
    header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
    payload=$(printf '{"iss":"career-data-service","sub":"%s","groups":["%s"],"iat":%d,"exp":%d}' \
        "$1" "$2" "$now" $((now + 7200)) | b64url)
    printf '%s.%s.%s' "$header" "$payload" \
        "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$WORK/private.pem" -binary | b64url)"
}
