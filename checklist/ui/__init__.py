"""The Streamlit shell: the only part of the package that imports streamlit."""
