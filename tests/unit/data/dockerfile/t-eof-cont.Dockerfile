FROM a
RUN x \