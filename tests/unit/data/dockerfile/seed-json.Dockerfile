FROM a
CMD ["a", "b"
ENTRYPOINT ["\ud83d\ude00", "\u0000"]
