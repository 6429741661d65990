"""The study total an abstract names, once the design says the study has participants."""

from __future__ import annotations

import pytest
from data.labelled_records import record

from withdrawal_lit.design import sample_size

RCT = ("Randomized Controlled Trial",)


@pytest.mark.parametrize(
    ("types", "text", "expected"),
    [
        (RCT, "Participants (n = 123) took melatonin.", 123),
        (RCT, "We enrolled adults (N=1,234).", 1234),
        (RCT, "A total of 1,234 participants were randomized.", 1234),
        (RCT, "We enrolled 264 opioid-dependent adults.", 264),
        (RCT, "In total, 8,049 respondents answered.", 8049),
        (RCT, "We studied 26 male regular kratom users.", 26),
        (RCT, "Nineteen studies involving 1683 subjects were included.", 1683),
        (
            RCT,
            "Of 1,093 individuals screened, 516 were randomised to A (n = 261) or B (n = 255).",
            516,
        ),
        (RCT, "Melatonin (n = 27) or placebo (n = 27) was given.", 54),
        (RCT, "We compared 45 patients on methadone and 45 matched healthy controls.", 90),
        (RCT, "We identified 1,256 cases and matched them with 4,619 controls.", 5875),
        (RCT, "We followed 214 mother–infant dyads.", 214),
        (RCT, "Between 2011 and 2017, 1,807 kratom exposures were reported.", 1807),
        (RCT, "In 2019, 500 participants enrolled.", 500),
        (RCT, "In 2019 participants enrolled online.", None),
        (RCT, "Poor sleep affected 45% of patients.", None),
        (RCT, "Patients received 10 mg melatonin for 12 weeks.", None),
        (RCT, "Patients aged 45 years or older took part (p = 0.05).", None),
        (RCT, "A 45-year-old patient was included.", None),
        (RCT, "A total of 1,456 records were screened.", None),
        (RCT, "Twelve trials were included.", None),
        (
            ("Journal Article",),
            "Adult zebrafish (n = 10 per group) were exposed to morphine.",
            None,
        ),
        (("Journal Article",), "Rats (n = 8–10 per group; a total of 36 rats) were trained.", 36),
        (("Journal Article",), "Thirty-two male Sprague-Dawley rats were used.", 32),
        (("Case Reports",), "We describe three patients with seizures.", 3),
        (("Case Reports",), "We present a 25-year-old man with jaundice.", 1),
        (("Case Reports",), "A term male infant developed withdrawal.", 1),
        (("Case Reports",), "A woman was admitted. We reviewed 18 previously published cases.", 1),
        (("Systematic Review",), "Twelve trials (n = 900) were included.", 900),
        (("Review",), "A survey of 8,049 kratom users found relief.", None),
        (("Practice Guideline",), "An expert panel of 14 physicians met.", None),
    ],
)
def test_sample_size(types, text, expected):
    assert sample_size(record("1", "", text, types=types)) == expected
