"""Team composition: capabilities per team against the framework's targets."""
