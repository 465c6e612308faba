#!/usr/bin/env bash
# Compiles GOV.UK Frontend with xaso's settings into the static files Django serves;
# the output is committed, so `make demo` needs no Node.js. Run by `make assets`.
set -euo pipefail
cd "$(dirname "$0")"
out=../src/xaso/core/static/vendor/govuk-frontend
mkdir -p "$out"
npx sass --no-source-map --style=compressed --quiet-deps --silence-deprecation=import xaso-govuk.scss "$out/govuk-frontend.min.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$out/"
version=$(node -p 'require("govuk-frontend/package.json").version')
cat > "$out/VENDOR.md" <<NOTE
# GOV.UK Frontend ${version}

From the npm registry (package \`govuk-frontend\`, https://github.com/alphagov/govuk-frontend),
compiled by \`make assets\` from \`frontend/xaso-govuk.scss\`: xaso's own typeface (the
device's sans-serif) and brand colour, no GDS Transport font, no crown or GOV.UK logo.

Licence: MIT (the package's licence field and README). Copyright (c) Crown Copyright (Government Digital Service).
Permission is hereby granted, free of charge, to any person obtaining a copy of this
software and associated documentation files (the "Software"), to deal in the Software
without restriction, including without limitation the rights to use, copy, modify, merge,
publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
to whom the Software is furnished to do so, subject to the following conditions: The above
copyright notice and this permission notice shall be included in all copies or substantial
portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT
HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF
CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE
USE OR OTHER DEALINGS IN THE SOFTWARE.
NOTE
