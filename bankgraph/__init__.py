"""Project-level tooling: bring the whole bank graph up, regenerate schema/."""
