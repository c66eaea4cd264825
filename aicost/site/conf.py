"""Sphinx configuration of the HTML report (``make report``; see aicost/report.py).

The pages render the notebooks' stored outputs (the notebooks were executed by aicost.report
just before): myst-nb never executes. Everything the pages load is in the output folder (the
Furo theme bundles its CSS, JavaScript and icons; the search index is a local script), so the
report opens straight from disk with no network. Values that vary by checkout (version, commit,
data date) arrive through ``html_context`` from aicost.report, never from a clock.
"""

project = "aicost"
author = "aicost contributors"
extensions = ["myst_nb"]
root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["aicost.css"]
html_js_files = ["aicost.js"]
html_theme = "furo"
html_title = "aicost: is AI training getting cheaper?"
html_show_sphinx = False
html_show_copyright = False
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
html_use_index = False
html_domain_indices = False
html_permalinks_icon = "#"
html_theme_options = {"top_of_page_buttons": [], "navigation_with_keys": True}
language = "en"

nb_execution_mode = "off"  # render what is stored; aicost.report executed the notebooks already
nb_merge_streams = True
nb_code_prompt_show = "Show code"
nb_code_prompt_hide = "Hide code"
nb_mime_priority_overrides = [("*", "text/html", 0), ("*", "image/png", 1), ("*", "text/plain", 2)]
myst_enable_extensions = []  # no dollarmath: money signs are text, and no MathJax is loaded
myst_heading_anchors = 0
suppress_warnings = ["myst.header", "mystnb.unknown_mime_type"]
smartquotes = False  # claims are quoted verbatim, straight quotes and all
