from dataclasses import fields

import pytest

from parallax.errors import ConfigError
from parallax.settings import SETTINGS, Settings, default, load_settings


def test_every_setting_is_declared_once_with_its_default():
    assert [s.name for s in SETTINGS] == sorted({s.name for s in SETTINGS}, key=[s.name for s in SETTINGS].index)
    declared = {s.name: s.default for s in SETTINGS}
    assert declared == {f.name: f.default for f in fields(Settings)}


def test_a_default_is_read_from_the_one_list_and_an_unknown_name_is_refused():
    assert default("embedder") == Settings().embedder == "muse"  # the multilingual brief encoder (BENCHMARKS s19)
    with pytest.raises(ConfigError, match="colour"):
        default("colour")


def test_precedence_defaults_toml_env_flags(tmp_path):
    toml = tmp_path / "parallax.toml"
    toml.write_text('db = "from-toml.db"\nport = 9000\nembedder = "tfidf"\n')
    s = load_settings(toml, environ={"PARALLAX_PORT": "9100", "PARALLAX_ALLOW_LOOPBACK": "yes"})
    assert (s.db, s.port, s.embedder, s.allow_loopback) == ("from-toml.db", 9100, "tfidf", True)
    assert s.with_overrides(port=9200, db=None).port == 9200


def test_bad_values_name_the_setting(tmp_path):
    with pytest.raises(ConfigError, match="port"):
        load_settings(tmp_path / "none.toml", environ={"PARALLAX_PORT": "eighty"})
    with pytest.raises(ConfigError, match="valid:"):
        Settings().with_overrides(colour="blue")
    bad = tmp_path / "bad.toml"
    bad.write_text("db = ")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad, environ={})


def test_the_token_is_never_shown():
    assert Settings(api_token="s3cret").as_dict()["api_token"] == "(set)"


def test_secrets_are_masked_wherever_settings_are_shown():
    from parallax.settings import mask_url

    shown = Settings(db="postgresql://user:S3cret@host/db", api_token="t0k",
                     llm_base_url="https://k3y@llm.example/v1?api_key=abc&model=x").as_dict()
    assert shown["db"] == "postgresql://user:***@host/db" and shown["api_token"] == "(set)"
    assert shown["llm_base_url"] == "https://***@llm.example/v1?api_key=***&model=x"
    assert "S3cret" not in str(shown) and "abc" not in str(shown) and "t0k" not in str(shown)
    assert mask_url("parallax.db") == "parallax.db"
