#!/bin/sh
# A plan of nothing: it saw nothing.
echo "1..0"
