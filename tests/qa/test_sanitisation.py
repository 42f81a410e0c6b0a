"""Markdown is rendered and sanitised at write time: no stored script survives."""

from __future__ import annotations

import pytest

from qa.models import Answer, Comment, Question
from qa.rendering import render_markdown
from qa.services.answers import answer_create
from qa.services.comments import comment_create
from qa.services.questions import question_create
from tests.factories.qa import qa_world

ATTACKS = [
    "<script>alert('x')</script>",
    "[klik](javascript:alert(1))",
    '<a href="javascript:alert(1)">klik</a>',
    '<img src="x" onerror="alert(1)">',
    '<p onclick="alert(1)">tekst</p>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"></svg>',
    "<style>body{display:none}</style>",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_render_strips_scripts_handlers_and_dangerous_links(attack):
    html = render_markdown(f"Hej\n\n{attack}\n\nfarvel").lower()
    for needle in ("<script", "javascript:", "onerror", "onclick", "onload", "<iframe", "<style", "data:text"):
        assert needle not in html


def test_markdown_survives():
    html = render_markdown("**fed** og *kursiv*\n\n- punkt\n\n[Væksthuset](https://www.vaeksthuset.dk)\n\n`kode`")
    assert "<strong>fed</strong>" in html and "<em>kursiv</em>" in html and "<li>punkt</li>" in html
    assert '<a href="https://www.vaeksthuset.dk" rel="noopener noreferrer nofollow">Væksthuset</a>' in html
    assert "<code>kode</code>" in html


@pytest.mark.django_db
def test_nothing_dangerous_is_stored():
    world = qa_world()
    body = "\n\n".join(ATTACKS)
    question = question_create(user=world.member, cohort=world.cohort, title="t", body=body)
    answer = answer_create(user=world.expert, question=question, body=body)
    comment = comment_create(user=world.member, question=question, body=body)
    stored = [
        Question.objects.get(pk=question.pk).body_html,
        Answer.objects.get(pk=answer.pk).body_html,
        Comment.objects.get(pk=comment.pk).body_html,
    ]
    for html in stored:
        lowered = html.lower()
        assert "<script" not in lowered and "javascript:" not in lowered and "onerror" not in lowered
