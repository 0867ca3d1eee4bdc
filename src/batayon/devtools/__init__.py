"""Tools for developers and benchmarks, not for offices: the synthetic national dataset
(``batayon synth``). Sits on top of every other app; nothing imports it."""
