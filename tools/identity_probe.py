# Diagnostic for the identity head (07_train_heads): can a figure-mask mean-pooled per-pixel descriptor tell the
# five identity patterns apart? Pattern-class probes (chance 0.2) from (a) image pixels, (b) VAE reconstructions,
# (c) U-Net decoder features (unconditional, t), each a per-pixel MLP + figure-mask mean pool + linear classifier;
# figure colour as a sanity target. Then the same probes with descriptors sampled at 9 torso points (a 3x3 grid
# over the shoulder-hip quad, concatenated) instead of the mask mean.
# Usage: python tools/identity_probe.py [PIPELINE_FOLDER|-] [THREADS]
import torch, sys, time, numpy as np
import torch.nn.functional as F
torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 2)
from readout_guidance.tiny_model import load_tiny_pipeline, decoder_features, encode_latents, to_model_range
from readout_guidance.toyworld import render_scene, torso_points, ToyWorldConfig, PATTERNS, COLOR_NAMES
from readout_guidance.training import masked_pool
pipe = load_tiny_pipeline(sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] != "-" else None)
world = ToyWorldConfig(max_figures=1)
scenes = [render_scene(s, world) for s in range(3_000_000, 3_002_560)]
images = torch.stack([torch.from_numpy(s.image).permute(2, 0, 1) for s in scenes])
masks = torch.stack([torch.from_numpy(s.masks["figure0_visible"]).float()[None] for s in scenes])
pattern = torch.tensor([PATTERNS.index(s.figures[0].pattern) for s in scenes])
colour = torch.tensor([COLOR_NAMES.index(s.figures[0].color_name) for s in scenes])
with torch.no_grad():
    lat = encode_latents(pipe.vae, images)
    recon = ((pipe.vae.decode(lat).sample.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8)
print("VAE reconstructions done", flush=True)

def mask_mean(descriptors, idx):
    "(B, C) mean descriptor over each figure's mask."
    return masked_pool(descriptors, masks[idx]).flatten(1)

def probe(maps, labels, n_classes, steps=300, seed=0, kernel=1, pool=mask_mean, points=1):
    "Test accuracy of a per-pixel MLP + `pool` + linear classifier trained on the first 2,048 scenes."
    torch.manual_seed(seed)
    C = [m.shape[1] for m in maps]
    proj = torch.nn.ModuleList(torch.nn.Sequential(torch.nn.Conv2d(c, 64, kernel, padding=kernel // 2), torch.nn.ReLU(), torch.nn.Conv2d(64, 64, 1)) for c in C)
    lin = torch.nn.Linear(64 * points * len(C), n_classes)
    opt = torch.optim.AdamW(list(proj.parameters()) + list(lin.parameters()), lr=2e-3)
    g = torch.Generator().manual_seed(seed)
    def fwd(idx):
        return lin(torch.cat([pool(p(m[idx]), idx) for p, m in zip(proj, maps)], 1))
    for _ in range(steps):
        idx = torch.randint(0, 2048, (64,), generator=g)
        loss = F.cross_entropy(fwd(idx), labels[idx]); opt.zero_grad(); loss.backward(); opt.step()
    with torch.no_grad():
        idx = torch.arange(2048, len(labels))
        return float((fwd(idx).argmax(1) == labels[idx]).float().mean())

# Torso points instead of the mask mean: where on the body a band sits is kept.
keypoints = np.stack([s.keypoints[0] for s in scenes])  # (N, 14, 3) pixels, centres at +0.5
grid = (torch.from_numpy(torso_points(keypoints)).float() / images.shape[-1] * 2 - 1)[:, :, None]  # (N, 9, 1, 2)

def at_torso_points(descriptors, idx):
    "(B, C * 9) descriptors sampled at each figure's 9 torso points."
    return F.grid_sample(descriptors, grid[idx], align_corners=False).flatten(1)

pix = [to_model_range(images)]
rec = [to_model_range(recon)]
torso = dict(pool=at_torso_points, points=grid.shape[1])
# pixels need spatial context for a pattern: a 5x5 first layer at 64x64
for name, maps in (("pixels", pix), ("vae_recon", rec)):
    t = time.time()
    print(name, "pattern", probe(maps, pattern, len(PATTERNS), kernel=5), round(time.time() - t), "s", flush=True)
print("pixels, torso points", probe(pix, pattern, len(PATTERNS), kernel=5, **torso), flush=True)
for timestep in (50, 300):  # decoder features once per timestep, for both poolings
    feats = decoder_features(pipe, images, [""] * len(images), timestep, torch.Generator().manual_seed(timestep))
    print("feature shapes", [tuple(f.shape[1:]) for f in feats], flush=True)
    print(f"features t={timestep}", "pattern", probe(feats, pattern, len(PATTERNS)), "colour", probe(feats, colour, len(COLOR_NAMES)), flush=True)
    print(f"features t={timestep}, torso points, 2000 steps", probe(feats, pattern, len(PATTERNS), steps=2000, **torso), flush=True)
    del feats
