FROM a
RUN echo \\
USER x
