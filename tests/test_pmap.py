"""core.pmap: a persistent mapping that behaves as a dict does, order included."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from expandcontract.core.pmap import PMap

_OPS = st.lists(st.tuples(st.sampled_from(["set", "delete", "update"]), st.integers(0, 12), st.integers()),
                max_size=60)


@given(_OPS)
def test_every_version_behaves_as_a_dict_would(ops):
    model: dict[int, int] = {}
    current: PMap[int, int] = PMap()
    versions = [(current, dict(model))]
    for op, key, value in ops:
        if op == "set":
            model[key] = value
            current = current.set(key, value)
        elif op == "delete":
            model.pop(key, None)
            current = current.delete(key)
        else:
            model.update({key: value, key + 1: value})
            current = current.update({key: value, key + 1: value})
        versions.append((current, dict(model)))
    for version, expected in versions:  # the older versions are untouched
        assert list(version.items()) == list(expected.items())
        assert list(version) == list(expected) and list(version.values()) == list(expected.values())
        assert len(version) == len(expected) and version == expected and version == PMap(expected)
        assert all(version[k] == v and k in version for k, v in expected.items())
        assert version.get(-1) is None and -1 not in version
        assert list(pickle.loads(pickle.dumps(version)).items()) == list(expected.items())


def test_a_deleted_key_set_again_goes_last_and_a_key_set_again_keeps_its_place():
    m = PMap({"a": 1, "b": 2, "c": 3})
    assert list(m.set("a", 9)) == ["a", "b", "c"]
    assert list(m.delete("a").set("a", 9)) == ["b", "c", "a"]
    assert m.delete("zz") is m
