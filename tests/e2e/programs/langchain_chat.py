"""LangChain HuggingFaceHub on a chat model, in an LCEL pipe and called directly (point 4)."""
from langchain_community.llms import HuggingFaceHub
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import PromptTemplate

llm = HuggingFaceHub(
    repo_id="mistralai/Mistral-7B-Instruct-v0.3",
    model_kwargs={
        "temperature": 0.5,
        "max_length": 64,
    },
)
chain = PromptTemplate.from_template("Question: {question}") | llm | StrOutputParser()
print(chain.invoke({"question": "Where are my invoices?"}))
print(llm("Hi"))
