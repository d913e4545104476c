"""Qt screens, one per module: render a flow's state, forward touches as intents."""
