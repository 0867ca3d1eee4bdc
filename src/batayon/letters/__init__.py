"""Government letters: one letterhead, one layout, one way to turn them into PDF.

Directives (স্মারক), meeting minutes (কার্যবিবরণী) and reports are all printed in the form a
Bangladesh government office writes them: the letterhead, the memo number (স্মারক নং) and the
date in both calendars, the subject (বিষয়), numbered paragraphs, the signature block and the
distribution list (বিতরণ / অনুলিপি). ``templates/letters/letter.html`` is that layout with blocks;
a document extends it and fills ``body``. ``pdf.render_pdf()`` renders any template to PDF with
WeasyPrint, which shapes Bangla (HarfBuzz) with Debian's Noto Sans Bengali, embedded.
"""
