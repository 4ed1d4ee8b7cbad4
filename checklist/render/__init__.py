"""Renderers: turn the core's result objects into artefacts (charts, the PDF).

Nothing here imports streamlit, and nothing here computes a score: every
figure comes from `checklist.domain.scoring`.
"""
