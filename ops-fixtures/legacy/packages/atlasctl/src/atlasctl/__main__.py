from atlasctl.cli import main

raise SystemExit(main())
