"""Settings: config.toml read into Settings (every key, every bad value), written back, and
``newsreader config``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tui.core.config import (
    DEFAULT_FILE,
    KNOWN_KEYS,
    ConfigWriteError,
    Settings,
    format_duration,
    load_settings,
    parse_duration,
    save_value,
    write_default,
)

ROOT = Path(__file__).resolve().parents[1]


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_defaults(tmp_path):
    settings, problems = load_settings(tmp_path / "config.toml")
    assert problems == []
    assert settings == Settings(path=tmp_path / "config.toml")
    assert (settings.theme, settings.mark_read_after, settings.refresh_every) == ("textual-dark", 2.0, None)


def test_the_default_file_reads_as_the_defaults_and_names_every_key(tmp_path):
    path = tmp_path / "config.toml"
    write_default(path)
    settings, problems = load_settings(path)
    assert problems == [] and settings == Settings(path=path)
    for key in KNOWN_KEYS:
        assert re.search(rf"^(# )?\[?{key}\]?( =|$)", DEFAULT_FILE, re.M), key


def test_the_readme_documents_every_key_and_its_default():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Settings", 1)[1].split("\n## ", 1)[0]
    for key in KNOWN_KEYS:
        assert f"`{key}`" in section or f"`[{key}]`" in section, key


def test_every_key_is_read(tmp_path):
    path = config(
        tmp_path,
        'theme = "nord"\nbrowser = "w3m %u"\nrefresh_every = "1h30m"\nmark_read = "on-open"\n'
        "hide_failing = true\nhide_read_feeds = true\nper_server_limit = 5\n"
        '[keys]\n"app.quit" = "q,ctrl+q"\n"feeds.refresh-all" = ["R", "ctrl+r"]\n',
    )
    settings, problems = load_settings(path)
    assert problems == []
    assert settings == Settings(
        theme="nord",
        browser="w3m %u",
        refresh_every=5400.0,
        mark_read_after=0.0,
        keys={"app.quit": "q,ctrl+q", "feeds.refresh-all": "R,ctrl+r"},
        hide_failing=True,
        hide_read_feeds=True,
        per_server_limit=5,
        path=path,
    )
    assert load_settings(config(tmp_path, 'mark_read = "manual"'))[0].mark_read_after is None
    assert load_settings(config(tmp_path, 'mark_read = "after 500ms"'))[0].mark_read_after == 0.5
    assert load_settings(config(tmp_path, 'refresh_every = "off"'))[0].refresh_every is None


@pytest.mark.parametrize(
    "line",
    [
        "theme = 3",
        'theme = ""',
        "browser = false",
        'refresh_every = "soon"',
        'refresh_every = "10s"',
        "refresh_every = 30",
        'mark_read = "sometimes"',
        'mark_read = "after a while"',
        'hide_failing = "yes"',
        "hide_read_feeds = 1",
        "per_server_limit = 0",
        "per_server_limit = 4.5",
        "per_server_limit = true",
        'keys = "j"',
    ],
)
def test_a_bad_value_is_one_line_naming_key_and_file_and_the_default_is_used(tmp_path, line):
    path = config(tmp_path, line + "\n")
    settings, problems = load_settings(path)
    key = line.split(" =")[0]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}: {key} = ") and "using the default" in problems[0]
    assert settings == Settings(path=path)


def test_unknown_keys_and_bad_key_bindings_are_one_line_each(tmp_path):
    path = config(tmp_path, 'colour = "red"\nhide_read = true\n[keys]\n"app.quit" = 5\n"app.help" = "f1"\n')
    settings, problems = load_settings(path)
    assert problems == [
        f'{path}: keys."app.quit" = 5: not a key like "j" or "j,down"; the binding keeps its keys',
        f"{path}: unknown key colour; ignored",
        f"{path}: unknown key hide_read; ignored",
    ]
    assert settings.keys == {"app.help": "f1"}


def test_a_broken_or_unreadable_file_is_one_line_and_the_defaults(tmp_path):
    for content in ('theme = "nord', b"theme = '\xff\xfe'"):
        path = tmp_path / "config.toml"
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        settings, problems = load_settings(path)
        assert settings == Settings(path=path)
        assert len(problems) == 1 and problems[0].startswith(f"{path}: ") and "\n" not in problems[0]
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    settings, problems = load_settings(folder)
    assert settings == Settings(path=folder) and len(problems) == 1 and "cannot read" in problems[0]


def test_durations():
    assert parse_duration("30m") == 1800 and parse_duration("1h30m") == 5400 and parse_duration("2s") == 2
    assert parse_duration("1.5h") == 5400 and parse_duration("soon") is None and parse_duration("") is None
    assert parse_duration("30") is None and parse_duration("m") is None
    assert [format_duration(s) for s in (2, 120, 5400, 0.5)] == ["2s", "2m", "1h30m", "0.5s"]


# -- writing ------------------------------------------------------------------------------


def test_init_refuses_to_overwrite_without_force(tmp_path):
    path = config(tmp_path, 'theme = "nord"\n')
    with pytest.raises(ConfigWriteError) as e:
        write_default(path)
    assert "--force" in str(e.value) and path.read_text() == 'theme = "nord"\n'
    write_default(path, force=True)
    assert path.read_text() == DEFAULT_FILE


def test_saving_a_value_keeps_every_other_line(tmp_path):
    original = (
        '# my settings\nbrowser = "w3m %u"  # text browser\ntheme = "nord"\n\n[keys]\n"app.quit" = "Q"\n'
    )
    path = config(tmp_path, original)
    save_value(path, "theme", "gruvbox")
    assert path.read_text() == original.replace('theme = "nord"', 'theme = "gruvbox"')
    save_value(path, "hide_failing", True)
    text = path.read_text()
    assert text.startswith(original.replace('theme = "nord"', 'theme = "gruvbox"').split("[keys]")[0])
    assert tomllib.loads(text) == {
        "browser": "w3m %u",
        "theme": "gruvbox",
        "hide_failing": True,
        "keys": {"app.quit": "Q"},
    }


def test_saving_into_the_default_file_uncomments_its_line_and_a_missing_file_gets_the_defaults(tmp_path):
    path = tmp_path / "sub" / "config.toml"
    save_value(path, "theme", "nord")
    text = path.read_text()
    assert text == DEFAULT_FILE.replace('# theme = "textual-dark"', 'theme = "nord"')
    assert load_settings(path) == (Settings(theme="nord", path=path), [])


def test_a_file_that_is_not_toml_is_never_rewritten(tmp_path):
    path = config(tmp_path, 'theme = "nord\n')
    with pytest.raises(ConfigWriteError):
        save_value(path, "theme", "gruvbox")
    assert path.read_text() == 'theme = "nord\n'


def test_the_default_per_server_limit_is_what_refresh_uses():
    from tui.core.config import DEFAULT_PER_SERVER_LIMIT
    from tui.core.feeds.fetch import FetchOptions

    assert DEFAULT_PER_SERVER_LIMIT == FetchOptions().per_host


# -- newsreader config ----------------------------------------------------------------------


def nr(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "config", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ},
        stdin=subprocess.DEVNULL,
    )


def test_config_command(isolated_home):
    path = isolated_home / "config" / "config.toml"
    p = nr("--path")
    assert (p.returncode, p.stdout, p.stderr) == (0, f"{path}\n", "")
    p = nr()
    assert p.returncode == 0 and "not written yet" in p.stdout and "theme = textual-dark" in p.stdout
    p = nr("--init")
    assert (p.returncode, p.stdout) == (0, f"wrote {path}\n") and path.read_text() == DEFAULT_FILE
    path.write_text('theme = "nord"\nrefresh_every = "soon"\n')
    p = nr("--init")
    assert p.returncode == 2 and len(p.stderr.splitlines()) == 1 and "already exists" in p.stderr
    assert path.read_text() == 'theme = "nord"\nrefresh_every = "soon"\n'
    p = nr()
    assert p.returncode == 2 and "theme = nord" in p.stdout and "refresh_every = off" in p.stdout
    assert p.stderr.splitlines() == [
        f'newsreader: {path}: refresh_every = "soon": not "off" or a duration of 1m or more; '
        "using the default (off)"
    ]
    p = nr("--init", "--force")
    assert p.returncode == 0 and path.read_text() == DEFAULT_FILE


def test_config_keys_lists_every_binding_id():
    p = nr("--keys")
    assert p.returncode == 0 and p.stderr == ""
    ids = {line.split()[0] for line in p.stdout.splitlines()}
    assert {"app.quit", "feeds.refresh", "article.star", "search.open"} <= ids


def test_config_check_reports_what_the_app_would(isolated_home):
    """``newsreader config`` names a theme the app lacks and a [keys] id no binding has, as the app does."""
    path = isolated_home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'theme = "no-such-theme"\n\n[keys]\n"app.quit" = "ctrl+q"\n"feeds.nothing" = "x"\n"app.help" = "a b,h"\n'
    )
    p = nr()
    assert p.returncode == 2 and "theme = textual-dark" in p.stdout  # the theme in effect
    assert p.stderr.splitlines() == [
        f'newsreader: {path}: theme = "no-such-theme": no such theme; using the default ("textual-dark")',
        f'newsreader: {path}: keys."feeds.nothing": no binding has this id; ignored (newsreader config --keys lists them)',
        f"newsreader: {path}: keys.\"app.help\": 'a b' is not a key name; ignored",
    ]
    path.write_text('theme = "nord"\n\n[keys]\n"app.quit" = "ctrl+q"\n')
    p = nr()
    assert (p.returncode, p.stderr) == (0, "") and "keys.app.quit = ctrl+q" in p.stdout
