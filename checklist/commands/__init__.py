"""Sub-commands of `checklist` that live in their own modules, registered in checklist.cli."""
