# As ff-roundtrip, killed at the 12th write instead (the IPI helper of
# pass 2): taken up at the end of pass 1, pass 2 again, 20 in all.
FF_DIE_AT=12
. "$FIXTURES/ff-roundtrip.sh"
