"""The README's Python blocks pasted at the REPL (Ctrl-E paste mode) print only what they mean
to. MicroPython compiles a paste like REPL input: every expression statement at module level
(inside try/with/if/for too) has its value echoed unless it is None, so a bare call to a
function that returns something (asyncio.new_event_loop() returns the Loop class) prints
`<class 'Loop'>`. Only calls that return None may stand alone there."""

import ast

from tests.cases.readme_programs import readme_blocks

# Module-level calls that return None on MicroPython, as the README uses them.
RETURNS_NONE = {"print", "run", "deinit", "sleep_ms", "value", "toggle", "init", "main"}


def _module_level_exprs(body):
    for node in body:
        if isinstance(node, ast.Expr):
            yield node
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for field in ("body", "orelse", "finalbody", "handlers"):
                yield from _module_level_exprs(getattr(node, field, []))


def test_readme_blocks_echo_nothing_when_pasted():
    for block in readme_blocks():
        for node in _module_level_exprs(ast.parse(block).body):
            call = node.value
            assert isinstance(call, ast.Call), "a bare expression echoes: %s" % ast.unparse(node)
            name = call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id
            assert name in RETURNS_NONE, "pasted, this echoes its result: %s" % ast.unparse(node)
