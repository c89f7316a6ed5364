__version__ = "0.1.0"

from .heads import ReadoutHead
from .guidance import (SpatialGuidance, DragGuidance, AppearanceGuidance, NormalizedGradient, ClassifierGuidance,
                       FixedLearningRate)
from .pipeline import ReadoutGuidancePipeline
