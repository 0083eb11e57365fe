"""Export and import for onderzoekers (DESIGN §7): rows, columns, codebook, writers, import."""
