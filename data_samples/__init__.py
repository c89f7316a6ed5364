"Package data shipped with readout_guidance: see README.md in this folder."
