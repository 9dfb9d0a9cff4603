"""Running the app locally (make run, the tests, the benchmark): never imported by create_app."""
