"""`make sim`'s status line (tests/emulator/status.mjs): fitted to the terminal's width, the
least useful fields dropped first, and no rate shown once the output stopped blinking."""

import json
import re
import shutil
import subprocess

import pytest

from tests.emulator.harness import HERE

SCRIPT = """
import { fitStatus, liveRate } from './status.mjs';
const f = (text, drop, style = '') => ({ text, style, drop });
const full = [
    f('(*) LED ON ', 0, '1;31'), f('250 ms/toggle', 1), f('( ) GP16 off', 5, '2'),
    f('125 ms/toggle', 6), f('button up  ', 2), f('t=  123.4s', 7),
    f('tcp 127.0.0.1:2040 (client)', 9), f('^T tap ^G hold ^] quit', 8),
];
const out = {};
for (const w of [200, 120, 80, 60, 40, 20, 8]) out[w] = fitStatus(full, w);
const demo = full.filter((x) => !x.text.includes('GP16') && x.text !== '125 ms/toggle');
out.ledOnly = fitStatus(demo, 80);
out.rates = [liveRate(250, 0, 500e6), liveRate(250, 0, 600e6), liveRate(250, 0, 601e6),
    liveRate(null, 0, 1)];
console.log(JSON.stringify(out));
"""


def _plain(s):
    return re.sub(r"\x1b\[[0-9;]*m", "", s)


@pytest.fixture(scope="module")
def shown():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node not installed (apt-get install nodejs)")
    r = subprocess.run(
        [node, "--input-type=module", "-e", SCRIPT], cwd=HERE, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.mark.parametrize("width", [200, 120, 80, 60, 40, 20, 8])
def test_the_line_fits_the_width(shown, width):
    assert len(_plain(shown[str(width)])) <= width - 1, shown[str(width)]


def test_least_useful_fields_go_first(shown):
    wide, eighty, forty = (_plain(shown[w]) for w in ("200", "80", "40"))
    assert "tcp 127.0.0.1" in wide and "^T tap" in wide
    # 80 columns: the port and the keys (printed at the start) went, then the time.
    assert "tcp" not in eighty and "^T" not in eighty and "t=" not in eighty
    for field in ("LED ON", "250 ms/toggle", "GP16 off", "125 ms/toggle", "button up"):
        assert field in eighty, eighty
    # With the LED alone (the demo) the time fits in 80 columns.
    led_only = _plain(shown["ledOnly"])
    assert len(led_only) <= 79 and "t=  123.4s" in led_only, led_only
    # Narrower: the other pin, then the button; the LED and its rate stay.
    assert forty == " (*) LED ON  | 250 ms/toggle", forty


def test_styles_survive_and_the_line_stays_reversed(shown):
    assert "\x1b[1;31m(*) LED ON \x1b[0;7m" in shown["80"]


def test_no_stale_rate(shown):
    # Half-period 250 ms, last edge at 0: shown until 2 * 250 + 100 ms, then gone.
    assert shown["rates"] == [250, 250, None, None]
