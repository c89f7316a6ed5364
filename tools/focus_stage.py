"""Run the tiny model's focus stage (`train_focus`, stage 4 of `nbs/06_tiny_model.ipynb`) on a saved pipeline.

`train_tiny_model` runs this stage itself, starting from the joint stage's EMA weights. This script starts from
a pipeline folder that holds those weights (the joint-stage `data_samples/tiny_sd` of sessions 4-5, whose run
folder was not kept), so the stage can be run without repeating the first 87 minutes:

    python tools/focus_stage.py PIPELINE RUN_DIR [--threads 2]

It renders the training scenes with their foreground cells, encodes them with the pipeline's VAE encoder (the
decoder fine-tuning leaves the encoder as it was, so these are the latents the recipe cached; the script stops
if the recomputed scaling factor differs from the pipeline's), trains the focus stage resumably into
RUN_DIR/focus.safetensors, and saves the EMA pipeline to RUN_DIR/pipeline. Times go to RUN_DIR/timings.json.
"""
import argparse, copy, time
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

from readout_guidance.heads import atomic_path
from readout_guidance.tiny_model import (TinyTrainConfig, _record, encode_latents, load_tiny_pipeline, make_pipeline,
                                         render_dataset, save_tiny_pipeline, tokenize, train_focus)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pipeline", help="pipeline folder holding the joint stage's EMA weights")
    parser.add_argument("run_dir", help="folder for the latent cache, the checkpoint, the loss CSV and the result")
    parser.add_argument("--threads", type=int, default=2, help="torch threads (2 on the 2-core reference machine)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    run_dir, config = Path(args.run_dir), TinyTrainConfig()
    run_dir.mkdir(parents=True, exist_ok=True)
    pipe = load_tiny_pipeline(args.pipeline)
    cache_file = run_dir / "latents.safetensors"
    if not cache_file.exists():
        start = time.time()
        images, captions, cells = render_dataset(config.latent_scenes, config.scene_seed, config.world, True,
                                                 pipe.vae_scale_factor)
        latents = encode_latents(pipe.vae, images, progress=True).contiguous()
        factor, shipped = 1 / float(latents.std()), pipe.vae.config.scaling_factor
        if abs(factor / shipped - 1) > 1e-5:
            raise SystemExit(f"the re-encoded latents give scaling factor {factor:.7f}, the pipeline has {shipped:.7f}: "
                             "this pipeline's VAE is not the one the recipe cached latents with.")
        with atomic_path(cache_file) as tmp:
            save_file({"latents": latents, "token_ids": tokenize(pipe.tokenizer, captions), "cells": cells.contiguous()},
                      str(tmp), metadata=dict(scaling_factor=repr(factor)))
        _record(run_dir, "render_and_encode_s", round(time.time() - start, 1))
    cache = load_file(str(cache_file))
    unet, text_encoder = copy.deepcopy(pipe.unet).train(), copy.deepcopy(pipe.text_encoder)
    ema = torch.nn.ModuleDict(dict(unet=copy.deepcopy(pipe.unet), text_encoder=copy.deepcopy(pipe.text_encoder)))
    result = train_focus(unet, text_encoder, cache["latents"] * pipe.vae.config.scaling_factor, cache["token_ids"],
                         cache["cells"], pipe.tokenizer, config, run_dir / "focus.safetensors", ema.requires_grad_(False))
    _record(run_dir, "focus", dict(steps=result["step"], seconds=round(result["elapsed"], 1), threads=args.threads))
    save_tiny_pipeline(make_pipeline(pipe.vae, ema["text_encoder"], pipe.tokenizer, ema["unet"]), run_dir / "pipeline")
    print((run_dir / "timings.json").read_text())


if __name__ == "__main__":
    main()
