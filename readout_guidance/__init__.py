__version__ = "0.1.0"

from .heads import ReadoutHead
from .guidance import (SpatialGuidance, DragGuidance, AppearanceGuidance, NormalizedGradient, ClassifierGuidance,
                       FixedLearningRate)
from .pipeline import ReadoutGuidancePipeline
from .control import ControlledReadoutGuidancePipeline  # lets ReadoutGuidancePipeline.from_pipe wrap ControlNet / T2I-Adapter pipelines
