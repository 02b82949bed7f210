"""newsreader tests."""
