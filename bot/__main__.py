"""`python -m bot`: the command line."""

import sys

# No command needs TensorFlow (the Rasa servers are processes of their own), but spaCy's
# thinc imports it whenever it is installed, as Rasa's is: about 3 seconds before any command
# could answer. Marked missing here, thinc goes without it.
sys.modules.setdefault("tensorflow", None)  # type: ignore[arg-type]

from bot.cli import main  # noqa: E402

sys.exit(main())
