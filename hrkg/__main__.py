import sys

from hrkg.cli import main

sys.exit(main())
