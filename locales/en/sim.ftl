# cwh's messages about the VCC simulator (src/sim, `cwh vcc serve`, `cwh vcc reset`). The same
# keys, with the same placeholders, are in locales/ja/sim.ftl (tests/i18n.rs).

## cwh vcc serve: the start-up lines (the first one is read by scripts: keep the URL last)
sim-serve-listening = listening on { $url }
sim-serve-ca = CA certificate: { $file }
sim-serve-ca-export = for the VCP SDK (requests) and cwh: export REQUESTS_CA_BUNDLE={ $file }

## cwh vcc serve: its options and tokens
sim-arg-not-duration = `{ $value }` is not a duration (e.g. 2s, 500ms, 1m)
sim-arg-duration-unit = `{ $value }`: unit must be ms, s or m
sim-arg-duration-unusable = `{ $value }` is not a usable duration
sim-arg-range = `{ $value }`: expected FIRST-LAST, e.g. 172.30.2.100-172.30.2.200
sim-arg-not-ipv4 = `{ $value }` is not an IPv4 address
sim-arg-range-order = `{ $value }`: the first address is after the last
sim-arg-rate = `{ $value }`: expected a probability between 0 and 1
sim-token-file-unreadable = cannot read { $flag } { $file }: { $problem }
sim-no-token = no token: set CWH_SIM_TOKEN or pass --token-file FILE (a token is never taken from the command line)
sim-no-such-file = { $flag } { $file }: no such file
sim-token-short = the simulator token must have at least 4 characters
sim-no-runtime = cannot start the runtime: { $problem }
sim-super-token-same = the super-user token must differ from the regular one (CWH_SIM_TOKEN)
sim-cannot-start = cannot start the simulator on { $listen }: { $problem }

## cwh vcc reset
sim-reset-removed = removed { $file }
sim-reset-none = no simulator state at { $file }
sim-reset-cannot-remove = cannot remove { $file }: { $problem }

## TLS of cwh vcc serve --tls (src/sim/tls.rs)
sim-tls-cannot-read = cannot read: { $problem }
sim-tls-not-pem-key = not a PEM private key: { $problem }
sim-tls-cannot-generate = cannot generate a key: { $problem }
sim-tls-cannot-make-ca = cannot make the CA certificate: { $problem }
sim-tls-cannot-write = cannot write: { $problem }
sim-tls-bad-host = bad host name for the certificate: { $problem }
sim-tls-cannot-sign = cannot sign: { $problem }
sim-tls-not-pem-cert = not a PEM certificate: { $problem }
sim-tls-key-mismatch = the key does not fit the certificate: { $problem }
sim-tls-no-cert = no certificate in the file
sim-tls-regen-help = remove the directory to let `cwh vcc serve --tls` make a new CA (clients then need the new ca.pem), or serve your own pair with --cert FILE --key FILE
sim-tls-write-help = make the directory writable, or pass --cert FILE --key FILE
sim-tls-pair-help = give a PEM certificate chain with --cert and its PEM private key with --key
sim-tls-handshake-failed = TLS handshake with { $peer } failed: { $problem }
sim-tls-handshake-timeout = TLS handshake with { $peer } timed out

## The simulator (src/sim/mod.rs, src/sim/routes.rs)
sim-stopped = simulator stopped: { $problem }
sim-cannot-save = the simulator cannot save its state to { $file }: { $problem }; nothing more is changed until it can (free space or fix the permissions of that directory, then run again)
